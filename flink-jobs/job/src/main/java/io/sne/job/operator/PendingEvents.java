package io.sne.job.operator;

/**
 * Events of one packet waiting for their time step to complete (a Flink POJO held in list state).
 * {@code label} is the packet's ground-truth class, or null.
 */
public final class PendingEvents {
  public long[] timestampsUs;
  public int[] xs;
  public int[] ys;
  public byte[] polarities;
  public Integer label;

  public PendingEvents() {}

  PendingEvents(long[] timestampsUs, int[] xs, int[] ys, byte[] polarities, Integer label) {
    this.timestampsUs = timestampsUs;
    this.xs = xs;
    this.ys = ys;
    this.polarities = polarities;
    this.label = label;
  }

  int size() {
    return timestampsUs.length;
  }
}
