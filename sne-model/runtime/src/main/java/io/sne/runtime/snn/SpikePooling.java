package io.sne.runtime.snn;

import io.sne.runtime.model.Shape;

/**
 * Sum or average of spikes over non-overlapping k x k blocks (floor mode: a partial block at the
 * right/bottom edge is dropped, as in PyTorch). Not thresholded: the pooled value feeds the next
 * projection as its input value, and each pooled spike still counts as one synaptic event.
 */
public final class SpikePooling {
  private final int[] target; // channels-last source index -> channels-last pooled index, or -1
  private final int outputs;
  private final float divisor;

  public SpikePooling(Shape source, int kernel, boolean average) {
    int c = source.channels();
    int oh = source.height() / kernel;
    int ow = source.width() / kernel;
    outputs = oh * ow * c;
    divisor = average ? kernel * kernel : 1f;
    target = new int[source.size()];
    for (int y = 0; y < source.height(); y++) {
      for (int x = 0; x < source.width(); x++) {
        for (int ch = 0; ch < c; ch++) {
          int py = y / kernel;
          int px = x / kernel;
          target[(y * source.width() + x) * c + ch] = py < oh && px < ow ? (py * ow + px) * c + ch : -1;
        }
      }
    }
  }

  public int outputs() {
    return outputs;
  }

  public void apply(SpikeEvents in, CountAccumulator blocks, SpikeEvents out) {
    for (int e = 0, n = in.size; e < n; e++) {
      int t = target[in.index[e]];
      if (t >= 0) {
        blocks.add(t, in.count[e]);
      }
    }
    blocks.drainTo(out, false, divisor);
  }
}
