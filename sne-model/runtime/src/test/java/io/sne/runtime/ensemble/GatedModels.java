package io.sne.runtime.ensemble;

import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.LayerSpec;
import io.sne.runtime.model.LifSpec;
import io.sne.runtime.model.ReadoutSpec;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.StudentSpec;
import java.util.ArrayList;
import java.util.List;

/** Small seeded event models (3 students) under a chosen gate, for ensemble tests. */
final class GatedModels {
  private GatedModels() {}

  static final InputSpec INPUT = new InputSpec(InputSpec.EVENTS, 2, 12, 12, 24, 24, 5, 1000, InputSpec.COUNT);

  static SneModel with(GateSpec gate) {
    List<StudentSpec> students = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      LifSpec lif = new LifSpec(0.9f, 1f, i == 1 ? LifSpec.ZERO : LifSpec.SUBTRACT);
      students.add(new StudentSpec(List.of(
          new LayerSpec.Conv(2, 4, 3, 1, 1, lif),
          new LayerSpec.Pool(LayerSpec.Pool.SUM, 2),
          new LayerSpec.Dense(4 * 6 * 6, 10, lif)),
          new ReadoutSpec(10, 4)));
    }
    return RandomModels.random(99, "gated", INPUT, students, 12, 5, gate, 1.2f);
  }

  static GateSpec cascade(double confidence) {
    return new GateSpec(GateSpec.CASCADE, new int[] {2, 0, 1}, null, confidence, null, List.of());
  }
}
