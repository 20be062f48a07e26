package io.sne.events;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code sne inspect} reports about a recording, gathered in one streaming pass.
 *
 * @param geometry the header's sensor size, or the smallest one holding the events if it has none
 * @param geometryFromHeader whether {@code geometry} came from the header
 * @param firstTimestampUs first event's timestamp (0 when there are no events)
 * @param timeOrdered whether timestamps never decrease
 * @param skipped non-event records by kind (triggers, frames, ...)
 */
public record RecordingStats(
    EventFormat format,
    SensorGeometry geometry,
    boolean geometryFromHeader,
    long events,
    long onEvents,
    long firstTimestampUs,
    long lastTimestampUs,
    boolean timeOrdered,
    Map<String, Long> skipped) {

  public long durationUs() {
    return events == 0 ? 0 : lastTimestampUs - firstTimestampUs;
  }

  /** Mean event rate in events per second (0 for fewer than two distinct timestamps). */
  public double meanRatePerSecond() {
    return durationUs() == 0 ? 0 : events * 1e6 / durationUs();
  }

  public static RecordingStats of(Path file) throws IOException {
    try (EventReader reader = Recordings.open(file)) {
      return of(reader);
    }
  }

  public static RecordingStats of(EventReader reader) throws IOException {
    EventBuffer packet = new EventBuffer();
    long events = 0;
    long on = 0;
    long first = 0;
    long last = 0;
    long previous = Long.MIN_VALUE;
    boolean ordered = true;
    int maxX = -1;
    int maxY = -1;
    while (reader.next(packet)) {
      if (events == 0) {
        first = packet.t(0);
      }
      long[] ts = packet.timestampsUs();
      int[] xs = packet.xs();
      int[] ys = packet.ys();
      for (int i = 0; i < packet.size(); i++) {
        ordered &= ts[i] >= previous;
        previous = ts[i];
        maxX = Math.max(maxX, xs[i]);
        maxY = Math.max(maxY, ys[i]);
      }
      on += packet.countOn();
      events += packet.size();
      last = packet.t(packet.size() - 1);
    }
    boolean fromHeader = reader.geometry().isKnown();
    SensorGeometry geometry = fromHeader ? reader.geometry() : new SensorGeometry(maxX + 1, maxY + 1);
    return new RecordingStats(reader.format(), geometry, fromHeader, events, on, first, last, ordered,
        Map.copyOf(reader.skipped()));
  }
}
