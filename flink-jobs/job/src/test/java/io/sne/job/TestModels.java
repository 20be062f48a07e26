package io.sne.job;

import io.sne.job.operator.ModelFile;
import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.LayerSpec;
import io.sne.runtime.model.LifSpec;
import io.sne.runtime.model.ReadoutSpec;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.StudentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small seeded random model for job tests until behaviour depends on training: a 34x34 sensor
 * scaled to 16x16, T=6 steps of 10 ms (60 ms windows), three conv+dense students under a cascade
 * gate, so windows run one, two or three students and the replay path is exercised.
 */
public final class TestModels {
  public static final int SENSOR = 34;
  public static final long DT_US = 10_000;
  public static final int STEPS = 6;
  public static final long WINDOW_US = DT_US * STEPS;

  private TestModels() {}

  public static SneModel cascade(long seed) {
    InputSpec input = new InputSpec(InputSpec.EVENTS, 2, 16, 16, SENSOR, SENSOR, STEPS, DT_US, InputSpec.COUNT);
    LifSpec lif = new LifSpec(0.9f, 1f, LifSpec.SUBTRACT);
    List<StudentSpec> students = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      students.add(new StudentSpec(List.of(
          new LayerSpec.Conv(2, 4, 3, 1, 1, lif),
          new LayerSpec.Pool(LayerSpec.Pool.SUM, 2),
          new LayerSpec.Dense(4 * 8 * 8, 16, new LifSpec(0.9f, 1f, LifSpec.ZERO))),
          new ReadoutSpec(16, 8)));
    }
    GateSpec gate = new GateSpec(GateSpec.CASCADE, new int[] {0, 1, 2}, null, 0.37, null, List.of());
    return RandomModels.random(seed, "job-test-cascade", input, students, 24, 5, gate, 0.8f);
  }

  public static ModelFile cascadeFile(long seed) {
    try {
      Path dir = Files.createTempDirectory("sne-test-model");
      try {
        return ModelFile.of(cascade(seed), dir);
      } finally {
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
