package io.sne.events;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * Streams a recording packet by packet in constant memory.
 *
 * <pre>{@code
 * try (EventReader reader = Recordings.open(path)) {
 *   EventBuffer packet = new EventBuffer();
 *   while (reader.next(packet)) { ... }
 * }
 * }</pre>
 *
 * <p>A corrupt or truncated file ends in an {@link EventFormatException}; every event decoded
 * before the damage is delivered first (the packet holding them is returned normally and the
 * following call throws).
 */
public interface EventReader extends Closeable {
  EventFormat format();

  /** Sensor size from the header, or {@link SensorGeometry#UNKNOWN} where the format has none. */
  SensorGeometry geometry();

  /** Clears {@code packet} and fills it with the next events; false once the recording is done. */
  boolean next(EventBuffer packet) throws IOException;

  /** Records that are not DVS events (triggers, frames, IMU samples...) counted by kind. */
  Map<String, Long> skipped();
}
