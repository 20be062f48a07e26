package io.sne.runtime.snn;

import io.sne.runtime.model.LifSpec;

/**
 * A population of leaky integrate-and-fire neurons behind a projection, channels-last with
 * {@code channels} neurons per pixel. One step, for every neuron:
 * {@code I = current + bias; v = beta*v + I; if v >= threshold: spike, v -= threshold (or v = 0)}.
 * The leak touches every neuron every step; only spikes leave.
 */
public final class LifNeurons {
  private final int neurons;
  /** The channel's bias for every neuron (channels-last), so the integration loop has no inner channel loop. */
  private final float[] biasPerNeuron;
  private final float beta;
  private final float threshold;
  private final boolean subtract;

  public LifNeurons(int neurons, int channels, float[] biasPerChannel, LifSpec lif) {
    this.neurons = neurons;
    this.biasPerNeuron = new float[neurons];
    for (int j = 0; j < neurons; j++) {
      biasPerNeuron[j] = biasPerChannel[j % channels];
    }
    this.beta = lif.beta();
    this.threshold = lif.threshold();
    this.subtract = lif.subtractiveReset();
  }

  public int neurons() {
    return neurons;
  }

  /**
   * Integrates {@code current} (then zeroes it for the next step), fires into {@code spikes} in
   * ascending index order. Returns how many neurons received synaptic input (active updates).
   */
  public int step(float[] v, float[] current, SpikeEvents spikes) {
    // Three passes over one layer (a few KB, in L1): counting and integrating without a branch let the
    // JIT vectorise them; only the threshold scan branches, and it rarely takes the branch.
    int active = 0;
    for (int j = 0; j < neurons; j++) {
      active += current[j] != 0f ? 1 : 0;
    }
    final float b = beta;
    final float[] bias = biasPerNeuron;
    for (int j = 0; j < neurons; j++) {
      v[j] = b * v[j] + (current[j] + bias[j]);
      current[j] = 0f;
    }
    spikes.clear();
    final float th = threshold;
    for (int j = 0; j < neurons; j++) {
      float u = v[j];
      if (u >= th) {
        spikes.add(j, 1f, 1);
        v[j] = subtract ? u - th : 0f;
      }
    }
    return active;
  }
}
