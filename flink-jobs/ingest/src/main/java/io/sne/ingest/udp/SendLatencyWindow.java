package io.sne.ingest.udp;

import java.util.Arrays;

/**
 * Kafka send latencies (send call to broker acknowledgement) of the current status interval.
 * Packets are few (hundreds per second), so a synchronized sample array is cheap; beyond its
 * capacity the newest samples overwrite the oldest.
 */
final class SendLatencyWindow {
  /** Percentiles over one interval, in milliseconds; count 0 when nothing was acknowledged. */
  record Summary(int count, double p50Ms, double p99Ms, double maxMs) {}

  private final long[] samplesNanos = new long[8192];
  private long recorded;

  synchronized void record(long latencyNanos) {
    samplesNanos[(int) (recorded % samplesNanos.length)] = latencyNanos;
    recorded++;
  }

  /** The summary of everything recorded since the last call, then starts a new interval. */
  synchronized Summary drain() {
    int n = (int) Math.min(recorded, samplesNanos.length);
    recorded = 0;
    if (n == 0) {
      return new Summary(0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(samplesNanos, n);
    Arrays.sort(sorted);
    return new Summary(n, millis(sorted[(n - 1) / 2]), millis(sorted[(int) Math.ceil(0.99 * n) - 1]), millis(sorted[n - 1]));
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
