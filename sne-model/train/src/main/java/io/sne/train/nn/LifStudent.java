package io.sne.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A convolutional LIF student trained by BPTT with a surrogate gradient. The spike is the exact
 * Heaviside step in the forward pass; in training its gradient is the surrogate's, via
 * z = s(u) + stopGradient(H(u) - s(u)). The reset uses the detached spike (as snnTorch does),
 * so gradients flow through the charge and not through the reset. Layers as {@link StudentArch}.
 */
public final class LifStudent implements AutoCloseable {
  /** Surrogate derivative shapes. */
  public enum Surrogate { FAST_SIGMOID, ARCTAN }

  /**
   * What one forward pass produced. rate = mean spike probability over all neurons and steps;
   * conv2Spikes is null for a one-conv student.
   */
  public record Output(NDArray readout, NDArray rate, List<float[]> convSpikes, List<float[]> conv2Spikes, List<float[]> denseSpikes) {}

  private final StudentArch arch;
  private final Params params;
  private final Surrogate surrogate;
  private final float slope;

  public LifStudent(StudentArch arch, NDManager manager, long seed, Surrogate surrogate, float slope, float initGain) {
    this.arch = arch;
    this.surrogate = surrogate;
    this.slope = slope;
    this.params = new Params(manager);
    Random rng = new Random(seed);
    params.kaiming("layers.0.weight", rng, initGain, arch.convOut(), arch.channels(), arch.kernel(), arch.kernel());
    params.zeros("layers.0.bias", arch.convOut());
    if (arch.hasConv2()) {
      params.kaiming(weight(arch.conv2Index()), rng, initGain, arch.conv2Out(), arch.convOut(), arch.kernel(), arch.kernel());
      params.zeros(bias(arch.conv2Index()), arch.conv2Out());
    }
    params.kaiming(weight(arch.denseIndex()), rng, initGain, arch.hidden(), arch.denseIn());
    params.zeros(bias(arch.denseIndex()), arch.hidden());
    params.kaiming("readout.weight", rng, 1f, arch.sliceSize(), arch.hidden());
    params.zeros("readout.bias", arch.sliceSize());
  }

  /** Parameter (and model-file tensor) names of spiking layer j. */
  public static String weight(int layer) {
    return "layers." + layer + ".weight";
  }

  public static String bias(int layer) {
    return "layers." + layer + ".bias";
  }

  public StudentArch arch() {
    return arch;
  }

  public Params params() {
    return params;
  }

  /**
   * x: events [B, T, C, H, W] or direct [B, C, H, W]. training selects the surrogate path;
   * recordSpikes keeps every step's spikes (for the parity test).
   */
  public Output forward(NDArray x, boolean training, boolean recordSpikes) {
    long b = x.getShape().get(0);
    NDManager m = x.getManager();
    NDArray directCurrent = arch.encoding().equals("direct") ? Ops.conv(x, p("layers.0.weight"), p("layers.0.bias"), arch.stride(), arch.padding()) : null;
    NDArray v1 = m.zeros(new ai.djl.ndarray.types.Shape(b, arch.convOut(), arch.convHeight(), arch.convWidth()));
    NDArray v1b = arch.hasConv2() ? m.zeros(new ai.djl.ndarray.types.Shape(b, arch.conv2Out(), arch.conv2Height(), arch.conv2Width())) : null;
    NDArray v2 = m.zeros(new ai.djl.ndarray.types.Shape(b, arch.hidden()));
    NDArray readoutSum = null;
    NDArray spikeSum = null;
    List<float[]> convSpikes = recordSpikes ? new ArrayList<>() : null;
    List<float[]> conv2Spikes = recordSpikes && arch.hasConv2() ? new ArrayList<>() : null;
    List<float[]> denseSpikes = recordSpikes ? new ArrayList<>() : null;
    boolean sumPool = arch.poolMode().equals("sum");
    for (int t = 0; t < arch.timeSteps(); t++) {
      NDArray i1 = directCurrent != null ? directCurrent
          : Ops.conv(x.get(":, " + t), p("layers.0.weight"), p("layers.0.bias"), arch.stride(), arch.padding());
      v1 = v1.mul(arch.beta()).add(i1);
      NDArray z1 = spike(v1, training);
      v1 = reset(v1, z1, arch.convReset());
      NDArray lastConv = z1;
      NDArray z1b = null;
      if (arch.hasConv2()) {
        NDArray i1b = Ops.conv(z1, p(weight(arch.conv2Index())), p(bias(arch.conv2Index())), arch.conv2Stride(), arch.padding());
        v1b = v1b.mul(arch.beta()).add(i1b);
        z1b = spike(v1b, training);
        v1b = reset(v1b, z1b, arch.convReset());
        lastConv = z1b;
      }
      NDArray pooled = (arch.hasPool() ? Ops.spikePool(lastConv, arch.poolKernel(), sumPool) : lastConv).reshape(b, arch.denseIn());
      NDArray i2 = Ops.dense(pooled, p(weight(arch.denseIndex())), p(bias(arch.denseIndex())));
      v2 = v2.mul(arch.beta()).add(i2);
      NDArray z2 = spike(v2, training);
      v2 = reset(v2, z2, arch.denseReset());
      NDArray r = Ops.dense(z2, p("readout.weight"), p("readout.bias"));
      readoutSum = readoutSum == null ? r : readoutSum.add(r);
      NDArray s = z1.sum().add(z2.sum());
      if (z1b != null) s = s.add(z1b.sum());
      spikeSum = spikeSum == null ? s : spikeSum.add(s);
      if (recordSpikes) {
        convSpikes.add(z1.toFloatArray());
        if (conv2Spikes != null) conv2Spikes.add(z1b.toFloatArray());
        denseSpikes.add(z2.toFloatArray());
      }
    }
    NDArray rate = spikeSum.div((float) (b * arch.neurons() * arch.timeSteps()));
    return new Output(readoutSum.div(arch.timeSteps()), rate, convSpikes, conv2Spikes, denseSpikes);
  }

  private NDArray spike(NDArray v, boolean training) {
    NDArray u = v.sub(arch.threshold());
    NDArray step = u.gte(0f).toType(DataType.FLOAT32, false);
    if (!training) return step;
    NDArray s = switch (surrogate) {
      // d/du [u / (1 + k|u|)] = 1 / (1 + k|u|)^2
      case FAST_SIGMOID -> u.div(u.abs().mul(slope).add(1f));
      // d/du [atan(pi/2 * k * u) / pi] = (k/2) / (1 + (pi/2 * k * u)^2)
      case ARCTAN -> u.mul((float) (Math.PI / 2 * slope)).atan().div((float) Math.PI);
    };
    return s.add(step.sub(s).stopGradient());
  }

  private NDArray reset(NDArray v, NDArray z, String mode) {
    NDArray zd = z.stopGradient();
    return mode.equals("subtract") ? v.sub(zd.mul(arch.threshold())) : v.mul(zd.neg().add(1f));
  }

  private NDArray p(String name) {
    return params.get(name);
  }

  @Override
  public void close() {
    params.close();
  }
}
