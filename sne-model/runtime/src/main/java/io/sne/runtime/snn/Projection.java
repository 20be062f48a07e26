package io.sne.runtime.snn;

/**
 * Synaptic weights from a source layer to a target layer, applied event-driven: each active source
 * adds {@code value * w} to the currents of its targets, in the order the events arrive (ascending).
 * Indices are channels-last (y, x, c) on both sides, so a source's targets are contiguous per tap.
 */
public interface Projection {
  int sourceCount();

  int targetCount();

  /** Accumulates the events' contributions into {@code current}; returns the synaptic operations done. */
  long accumulate(SpikeEvents events, float[] current);

  /** Number of synapses leaving this source (exact, convolution borders included). */
  int fanOut(int source);
}
