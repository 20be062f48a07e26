package io.sne.ingest.udp;

import java.time.Instant;

/**
 * Arrival timestamps for events that carry none: the monotonic clock ({@link System#nanoTime}),
 * anchored once to the wall clock at start so values read as microseconds since the Unix epoch
 * but never jump when the wall clock is adjusted.
 */
final class ArrivalClock {
  private final long originNanos = System.nanoTime();
  private final long originEpochUs;

  ArrivalClock() {
    Instant now = Instant.now();
    originEpochUs = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  long toMicros(long nanoTime) {
    return originEpochUs + (nanoTime - originNanos) / 1_000;
  }
}
