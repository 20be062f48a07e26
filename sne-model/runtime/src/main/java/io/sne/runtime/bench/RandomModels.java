package io.sne.runtime.bench;

import io.sne.runtime.model.EnergySpec;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.HeadSpec;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.LayerSpec;
import io.sne.runtime.model.LifSpec;
import io.sne.runtime.model.Manifest;
import io.sne.runtime.model.PartitionSpec;
import io.sne.runtime.model.ReadoutSpec;
import io.sne.runtime.model.Shape;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.StudentGeometry;
import io.sne.runtime.model.StudentSpec;
import io.sne.runtime.model.TeacherSpec;
import io.sne.runtime.model.TensorNames;
import io.sne.runtime.model.TensorsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded models with random weights, for benchmarks and property tests: the reference ensemble of
 * the benchmarks (4 students, 2x34x34 events, two conv layers each) and any architecture given.
 * Weights are Gaussian with a positive mean so that neurons fire at a realistic, sparse rate.
 */
public final class RandomModels {
  /** Weight mean in units of sigma: a slight excitatory drift so that positive event input drives firing. */
  private static final float DRIFT = 0.3f;

  private RandomModels() {}

  /** The benchmark model: 4 students of conv(2->8,3x3) pool2 conv(8->16,3x3) pool2, 16-dim slices, 10 classes. */
  public static SneModel reference(long seed) {
    InputSpec input = new InputSpec(InputSpec.EVENTS, 2, 34, 34, 34, 34, 10, 30_000, InputSpec.COUNT);
    List<StudentSpec> students = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      LifSpec lif = new LifSpec(0.9f, 1f, LifSpec.SUBTRACT);
      students.add(new StudentSpec(List.of(
          new LayerSpec.Conv(2, 8, 3, 1, 1, lif),
          new LayerSpec.Pool(LayerSpec.Pool.SUM, 2),
          new LayerSpec.Conv(8, 16, 3, 1, 1, lif),
          new LayerSpec.Pool(LayerSpec.Pool.SUM, 2)),
          new ReadoutSpec(16 * 8 * 8, 16)));
    }
    GateSpec gate = GateSpec.fixedK(new int[] {0, 1, 2, 3}, 4);
    // Deeper layers balanced (zero mean): with a drift, sum-pooled spikes drive them to saturation;
    // this way the students fire about 8% at 4k events per window, like trained, regularised SNNs.
    return random(seed, "reference-4x2conv", input, students, 64, 10, gate, 0.6f, 0f);
  }

  /**
   * A model of this architecture with seeded random weights; slices are sequential chunks of the
   * feature space sized by each readout; {@code gain} scales weights (about 0.5..1 fires sparsely).
   */
  public static SneModel random(long seed, String name, InputSpec input, List<StudentSpec> students, int featureDim,
      int classes, GateSpec gate, float gain) {
    return random(seed, name, input, students, featureDim, classes, gate, gain, DRIFT);
  }

  /** As above, with the weight drift of layers after the first given (the first always has {@link #DRIFT}). */
  public static SneModel random(long seed, String name, InputSpec input, List<StudentSpec> students, int featureDim,
      int classes, GateSpec gate, float gain, float deeperDrift) {
    Random rnd = new Random(seed);
    List<int[]> slices = new ArrayList<>();
    int next = 0;
    for (StudentSpec s : students) {
      int[] slice = new int[s.readout().out()];
      for (int k = 0; k < slice.length; k++) {
        slice[k] = next++;
      }
      slices.add(slice);
    }
    if (next > featureDim) {
      throw new IllegalArgumentException("slices need " + next + " feature dimensions, featureDim is " + featureDim);
    }
    List<String> labels = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      labels.add("class-" + c);
    }
    Manifest m = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, name, labels, input, students,
        new PartitionSpec("sequential", featureDim, "pre-activation", slices), new HeadSpec(classes), gate,
        new TeacherSpec("random-teacher", 19_100_000L, null), new EnergySpec("horowitz45-fp32"), null,
        new TensorsSpec(null));
    SneModel.Builder b = SneModel.builder(m);
    for (int i = 0; i < students.size(); i++) {
      StudentSpec s = students.get(i);
      StudentGeometry g = StudentGeometry.of(i, s, input);
      for (int j = 0; j < s.layers().size(); j++) {
        LayerSpec layer = s.layers().get(j);
        Shape in = g.layerInput(j);
        if (layer instanceof LayerSpec.Conv c) {
          int fanIn = c.in() * c.kernel() * c.kernel();
          b.tensor(TensorNames.layerWeight(i, j), new int[] {c.out(), c.in(), c.kernel(), c.kernel()},
              gaussian(rnd, c.out() * fanIn, gain, fanIn, j == 0 ? DRIFT : deeperDrift));
          b.tensor(TensorNames.layerBias(i, j), new int[] {c.out()}, gaussian(rnd, c.out(), 0.05f, 1));
        } else if (layer instanceof LayerSpec.Dense d) {
          b.tensor(TensorNames.layerWeight(i, j), new int[] {d.out(), d.in()}, gaussian(rnd, d.out() * in.size(),
              gain, in.size(), j == 0 ? DRIFT : deeperDrift));
          b.tensor(TensorNames.layerBias(i, j), new int[] {d.out()}, gaussian(rnd, d.out(), 0.05f, 1));
        }
      }
      ReadoutSpec r = s.readout();
      b.tensor(TensorNames.readoutWeight(i), new int[] {r.out(), r.in()}, gaussian(rnd, r.out() * r.in(), 1f, r.in()));
      b.tensor(TensorNames.readoutBias(i), new int[] {r.out()}, gaussian(rnd, r.out(), 0.1f, 1));
    }
    b.tensor(TensorNames.PARTITION_MEANS, new int[] {featureDim}, gaussian(rnd, featureDim, 0.5f, 1));
    b.tensor(TensorNames.HEAD_WEIGHT, new int[] {classes, featureDim}, gaussian(rnd, classes * featureDim, 1f,
        featureDim));
    b.tensor(TensorNames.HEAD_BIAS, new int[] {classes}, gaussian(rnd, classes, 0.1f, 1));
    if (GateSpec.LEARNED.equals(gate.policy())) {
      int g = GateSpec.LEARNED_FEATURES.size();
      b.tensor(TensorNames.GATE_WEIGHT, new int[] {students.size(), g}, gaussian(rnd, students.size() * g, 1f, 1));
      b.tensor(TensorNames.GATE_BIAS, new int[] {students.size()}, gaussian(rnd, students.size(), 0.5f, 1));
    }
    return b.build();
  }

  private static float[] gaussian(Random rnd, int n, float gain, int fanIn) {
    return gaussian(rnd, n, gain, fanIn, DRIFT);
  }

  /** N(drift sigma, sigma) with sigma = gain / sqrt(fanIn). */
  private static float[] gaussian(Random rnd, int n, float gain, int fanIn, float drift) {
    float sigma = (float) (gain / Math.sqrt(fanIn));
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (drift * sigma + sigma * rnd.nextGaussian());
    }
    return v;
  }

  /**
   * A seeded window of {@code n} events with uniformly random pixels, polarities and times (in time
   * order) over the model's sensor and window; density = distinct active (step, pixel) cells is
   * roughly n / (T * inputs) for small n.
   */
  public static io.sne.runtime.encode.EventWindow events(long seed, InputSpec input, int n, long windowStartUs) {
    Random rnd = new Random(seed);
    long[] t = new long[n];
    int[] x = new int[n];
    int[] y = new int[n];
    byte[] p = new byte[n];
    long span = input.windowUs();
    for (int e = 0; e < n; e++) {
      t[e] = windowStartUs + (long) (rnd.nextDouble() * span);
    }
    java.util.Arrays.sort(t);
    for (int e = 0; e < n; e++) {
      x[e] = rnd.nextInt(input.sensorWidth());
      y[e] = rnd.nextInt(input.sensorHeight());
      p[e] = (byte) rnd.nextInt(2);
    }
    return new io.sne.runtime.encode.EventWindow(t, x, y, p, n, windowStartUs);
  }
}
