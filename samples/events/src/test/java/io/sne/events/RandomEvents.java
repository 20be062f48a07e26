package io.sne.events;

import java.util.SplittableRandom;

/** Random time-ordered events for round-trip tests, with gaps that cross timestamp word boundaries. */
public final class RandomEvents {
  private RandomEvents() {}

  public static EventBuffer generate(long seed, int count, SensorGeometry sensor, long startUs, long maxGapUs) {
    SplittableRandom random = new SplittableRandom(seed);
    EventBuffer events = new EventBuffer(count);
    long t = startUs;
    for (int i = 0; i < count; i++) {
      // Mostly small gaps (many events per timestamp word), sometimes long jumps.
      t += random.nextInt(10) == 0 ? random.nextLong(maxGapUs + 1) : random.nextInt(3);
      events.add(t, random.nextInt(sensor.width()), random.nextInt(sensor.height()), random.nextInt(2));
    }
    return events;
  }
}
