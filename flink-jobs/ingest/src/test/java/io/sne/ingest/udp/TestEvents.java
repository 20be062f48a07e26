package io.sne.ingest.udp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic event sequences for the ingest tests. */
final class TestEvents {
  private TestEvents() {}

  /**
   * {@code count} events on a {@code width x height} sensor with timestamps rising by 0..199 us from
   * {@code firstUs}; all coordinates, both polarities and corner pixels occur.
   */
  static List<SpifEvent> random(int count, int width, int height, long firstUs, long seed) {
    Random random = new Random(seed);
    List<SpifEvent> events = new ArrayList<>(count);
    long t = firstUs;
    for (int i = 0; i < count; i++) {
      t += random.nextInt(200);
      int x = i == 0 ? width - 1 : random.nextInt(width);
      int y = i == 0 ? height - 1 : random.nextInt(height);
      events.add(new SpifEvent(t, x, y, random.nextBoolean()));
    }
    return events;
  }
}
