package io.sne.events.transform;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;

/**
 * A per-stream event filter or mapping, applied packet by packet: its state (last timestamps per
 * pixel, learned hot pixels) carries over from one call to the next, so one instance serves one
 * stream. Parameters are in microseconds, as in jAER.
 */
public interface EventTransform {
  /** Appends the transformed events of {@code in} (time-ordered) to {@code out}. */
  void apply(EventBuffer in, EventBuffer out);

  /** Sensor size of the output for an input of {@code input}. */
  default SensorGeometry outputGeometry(SensorGeometry input) {
    return input;
  }

  /** Convenience for whole recordings: a new buffer with the transformed events. */
  default EventBuffer apply(EventBuffer in) {
    EventBuffer out = new EventBuffer(Math.max(1, in.size()));
    apply(in, out);
    return out;
  }
}
