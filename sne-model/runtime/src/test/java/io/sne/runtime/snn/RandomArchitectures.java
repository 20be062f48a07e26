package io.sne.runtime.snn;

import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.LayerSpec;
import io.sne.runtime.model.LifSpec;
import io.sne.runtime.model.ReadoutSpec;
import io.sne.runtime.model.Shape;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.StudentGeometry;
import io.sne.runtime.model.StudentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random small models covering every layer kind, stride, padding, pooling mode and reset. */
final class RandomArchitectures {
  private RandomArchitectures() {}

  static SneModel model(long seed, boolean events) {
    return model(seed, events, 5);
  }

  /** @param maxConvChannels conv layers get 1 to this many output channels */
  static SneModel model(long seed, boolean events, int maxConvChannels) {
    Random rnd = new Random(seed);
    int h = 5 + rnd.nextInt(8);
    int w = 5 + rnd.nextInt(8);
    int channels = events ? 2 : 1 + rnd.nextInt(3);
    int t = 2 + rnd.nextInt(5);
    InputSpec input = new InputSpec(events ? InputSpec.EVENTS : InputSpec.DIRECT, channels, h, w,
        events ? w + rnd.nextInt(2 * w) : 0, events ? h + rnd.nextInt(2 * h) : 0, t, 1000,
        rnd.nextBoolean() ? InputSpec.COUNT : InputSpec.BINARY);
    int studentsCount = 1 + rnd.nextInt(3);
    List<StudentSpec> students = new ArrayList<>();
    int featureDim = 0;
    for (int i = 0; i < studentsCount; i++) {
      StudentSpec s = student(rnd, input, events, maxConvChannels);
      students.add(s);
      featureDim += s.readout().out();
    }
    int[] order = new int[studentsCount];
    for (int i = 0; i < studentsCount; i++) {
      order[i] = studentsCount - 1 - i;
    }
    return RandomModels.random(seed, "random-" + seed, input, students, featureDim + rnd.nextInt(3),
        2 + rnd.nextInt(5), GateSpec.fixedK(order, studentsCount), 0.8f + 1.5f * rnd.nextFloat());
  }

  private static StudentSpec student(Random rnd, InputSpec input, boolean events, int maxConvChannels) {
    List<LayerSpec> layers = new ArrayList<>();
    Shape s = new Shape(input.channels(), input.height(), input.width());
    int n = 1 + rnd.nextInt(3);
    for (int j = 0; j < n; j++) {
      boolean canPool = s.height() >= 2 && s.width() >= 2 && (events || j > 0)
          && !(j > 0 && layers.get(j - 1) instanceof LayerSpec.Pool);
      int kind = rnd.nextInt(4);
      LayerSpec layer;
      if (kind == 0 && canPool) {
        layer = new LayerSpec.Pool(rnd.nextBoolean() ? LayerSpec.Pool.SUM : LayerSpec.Pool.AVG, 2);
      } else if (kind == 1 || s.height() < 3 || s.width() < 3) {
        layer = new LayerSpec.Dense(s.size(), 2 + rnd.nextInt(12), lif(rnd));
      } else {
        int k = 1 + rnd.nextInt(3);
        layer = new LayerSpec.Conv(s.channels(), 1 + rnd.nextInt(maxConvChannels), k, 1 + rnd.nextInt(2), rnd.nextInt(k), lif(rnd));
      }
      layers.add(layer);
      s = StudentGeometry.outputShape("layer " + j, layer, s);
    }
    return new StudentSpec(layers, new ReadoutSpec(s.size(), 1 + rnd.nextInt(6)));
  }

  private static LifSpec lif(Random rnd) {
    return new LifSpec(0.5f + 0.5f * rnd.nextFloat(), 0.5f + rnd.nextFloat(),
        rnd.nextBoolean() ? LifSpec.SUBTRACT : LifSpec.ZERO);
  }
}
