package io.sne.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.Random;

/**
 * The built-in teacher: conv3x3(c1)-ReLU-maxpool2, conv3x3(c2)-ReLU-maxpool2, dense(hidden)-ReLU,
 * dense(D) = the feature f, then the linear head h(f) = W f + b. f is taken before any activation,
 * so no dimension is dead after a ReLU (the prototype lost 168 of 256 dimensions that way).
 */
public final class TeacherCnn implements AutoCloseable {
  public record Arch(int channels, int height, int width, int conv1, int conv2, int hidden, int featureDim, int classes) {
    int flat() {
      return conv2 * (height / 4) * (width / 4);
    }

    /** Exact multiply-accumulates per input (padding taps that multiply zero are not counted as skipped: dense hardware does them). */
    public long macs() {
      long c1 = (long) height * width * conv1 * channels * 9;
      long c2 = (long) (height / 2) * (width / 2) * conv2 * conv1 * 9;
      return c1 + c2 + (long) flat() * hidden + (long) hidden * featureDim + (long) featureDim * classes;
    }
  }

  private final Arch arch;
  private final Params params;

  public TeacherCnn(Arch arch, NDManager manager, long seed) {
    this.arch = arch;
    this.params = new Params(manager);
    Random rng = new Random(seed);
    float relu = (float) Math.sqrt(2);
    params.kaiming("conv1.weight", rng, relu, arch.conv1, arch.channels, 3, 3);
    params.zeros("conv1.bias", arch.conv1);
    params.kaiming("conv2.weight", rng, relu, arch.conv2, arch.conv1, 3, 3);
    params.zeros("conv2.bias", arch.conv2);
    params.kaiming("fc1.weight", rng, relu, arch.hidden, arch.flat());
    params.zeros("fc1.bias", arch.hidden);
    params.kaiming("feature.weight", rng, 1f, arch.featureDim, arch.hidden);
    params.zeros("feature.bias", arch.featureDim);
    params.kaiming("head.weight", rng, 1f, arch.classes, arch.featureDim);
    params.zeros("head.bias", arch.classes);
  }

  public Arch arch() {
    return arch;
  }

  public Params params() {
    return params;
  }

  /** x [B, C, H, W] in [0,1] -> f [B, D] (inference: no dropout). */
  public NDArray features(NDArray x) {
    return features(x, 0f, null);
  }

  /**
   * The training forward: inverted dropout with probability p on the hidden layer (after its
   * ReLU, before the feature layer), the mask drawn from rng so a run is reproducible. f itself
   * is never dropped: the students regress it.
   */
  public NDArray features(NDArray x, float dropout, Random rng) {
    NDArray h = Ops.maxPool(Activation.relu(Ops.conv(x, p("conv1.weight"), p("conv1.bias"), 1, 1)), 2);
    h = Ops.maxPool(Activation.relu(Ops.conv(h, p("conv2.weight"), p("conv2.bias"), 1, 1)), 2);
    h = h.reshape(h.getShape().get(0), arch.flat());
    h = Activation.relu(Ops.dense(h, p("fc1.weight"), p("fc1.bias")));
    if (dropout > 0) h = h.mul(h.getManager().create(dropoutMask(h.getShape().size(), dropout, rng), h.getShape()));
    return Ops.dense(h, p("feature.weight"), p("feature.bias"));
  }

  private static float[] dropoutMask(long size, float p, Random rng) {
    float[] mask = new float[Math.toIntExact(size)];
    float keep = 1f / (1f - p);
    for (int i = 0; i < mask.length; i++) mask[i] = rng.nextFloat() < p ? 0f : keep;
    return mask;
  }

  public NDArray head(NDArray f) {
    return Ops.dense(f, p("head.weight"), p("head.bias"));
  }

  private NDArray p(String name) {
    return params.get(name);
  }

  @Override
  public void close() {
    params.close();
  }
}
