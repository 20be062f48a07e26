package io.sne.events.format;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormatException;
import io.sne.events.EventReader;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Common packet loop of the readers: a format decodes into the packet until it holds
 * {@link #packetEvents} events or the input ends. When decoding fails part-way, the events already
 * decoded are handed out and the error is raised on the next call, so nothing decoded is lost.
 */
abstract class PacketReader implements EventReader {
  static final int DEFAULT_PACKET_EVENTS = 1 << 16;

  protected final int packetEvents;
  private final Map<String, Long> skipped = new TreeMap<>();
  private EventFormatException pending;
  private boolean finished;

  PacketReader(int packetEvents) {
    this.packetEvents = packetEvents;
  }

  /** Appends events to {@code packet}; returns false once the input is exhausted. */
  protected abstract boolean decode(EventBuffer packet) throws IOException;

  @Override
  public final boolean next(EventBuffer packet) throws IOException {
    packet.clear();
    if (pending != null) {
      EventFormatException e = pending;
      pending = null;
      finished = true;
      throw e;
    }
    while (!finished && packet.size() < packetEvents) {
      try {
        if (!decode(packet)) {
          finished = true;
        }
      } catch (EventFormatException e) {
        if (packet.isEmpty()) {
          finished = true;
          throw e;
        }
        pending = e;
        return true;
      }
    }
    return !packet.isEmpty();
  }

  protected final void countSkipped(String kind, long n) {
    skipped.merge(kind, n, Long::sum);
  }

  @Override
  public Map<String, Long> skipped() {
    return Collections.unmodifiableMap(skipped);
  }
}
