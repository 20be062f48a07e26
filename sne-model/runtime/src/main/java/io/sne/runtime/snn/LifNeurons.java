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
  private final int channels;
  private final float[] bias;
  private final float beta;
  private final float threshold;
  private final boolean subtract;

  public LifNeurons(int neurons, int channels, float[] biasPerChannel, LifSpec lif) {
    this.neurons = neurons;
    this.channels = channels;
    this.bias = biasPerChannel.clone();
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
    spikes.clear();
    int active = 0;
    final float b = beta;
    final float th = threshold;
    for (int base = 0; base < neurons; base += channels) {
      for (int o = 0; o < channels; o++) {
        int j = base + o;
        float syn = current[j];
        current[j] = 0f;
        active += syn != 0f ? 1 : 0; // branch-free: whether a neuron got input is a coin flip at moderate density
        float u = b * v[j] + (syn + bias[o]);
        if (u >= th) {
          spikes.add(j, 1f, 1);
          u = subtract ? u - th : 0f;
        }
        v[j] = u;
      }
    }
    return active;
  }
}
