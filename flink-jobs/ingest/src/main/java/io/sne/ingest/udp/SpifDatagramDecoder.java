package io.sne.ingest.udp;

import java.nio.ByteBuffer;

/**
 * Decodes one datagram of SPIF words. A datagram is checked whole before any of its events is
 * emitted, so a malformed one is skipped entirely rather than half-delivered.
 *
 * <p>Reads with absolute {@link ByteBuffer#getInt(int)} in the buffer's byte order: no copies, no
 * allocation per event. Not thread-safe: it owns the sensor clock's unwrap state.
 */
final class SpifDatagramDecoder {
  private final int width;
  private final int height;
  private final TimestampUnwrapper unwrapper = new TimestampUnwrapper();
  private int lastEventCount;

  SpifDatagramDecoder(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /**
   * Emits the events of {@code datagram} (from position to limit, in its byte order) to {@code sink}.
   *
   * @param arrivalUs the time stamped on events that carry no timestamp of their own
   * @return null if the datagram was decoded, otherwise why it was skipped (nothing was emitted)
   */
  MalformedReason decode(ByteBuffer datagram, long arrivalUs, EventSink sink) {
    MalformedReason problem = check(datagram);
    if (problem != null) {
      return problem;
    }
    int end = datagram.limit();
    int events = 0;
    for (int i = datagram.position(); i < end; i += 4, events++) {
      int word = datagram.getInt(i);
      int x = SpifWord.x(word);
      int y = SpifWord.y(word);
      boolean on = SpifWord.on(word);
      if (SpifWord.timestampFollows(word)) {
        i += 4;
        sink.event(unwrapper.unwrap(datagram.getInt(i)), x, y, on, true);
      } else {
        sink.event(arrivalUs, x, y, on, false);
      }
    }
    lastEventCount = events;
    return null;
  }

  /** Events emitted by the last successful {@link #decode}. */
  int lastEventCount() {
    return lastEventCount;
  }

  private MalformedReason check(ByteBuffer datagram) {
    int start = datagram.position();
    int end = datagram.limit();
    if (((end - start) & 3) != 0) {
      return MalformedReason.LENGTH_NOT_MULTIPLE_OF_4;
    }
    for (int i = start; i < end; i += 4) {
      int word = datagram.getInt(i);
      if (SpifWord.x(word) >= width || SpifWord.y(word) >= height) {
        return MalformedReason.OUTSIDE_SENSOR;
      }
      if (SpifWord.timestampFollows(word)) {
        i += 4;
        if (i >= end) {
          return MalformedReason.MISSING_TIMESTAMP_WORD;
        }
      }
    }
    return null;
  }

  /** Events in a well-formed datagram, for counting what a drop lost without decoding it. */
  static int countEvents(ByteBuffer datagram) {
    int events = 0;
    int end = datagram.limit() & ~3;
    for (int i = datagram.position(); i < end; i += 4) {
      events++;
      if (SpifWord.timestampFollows(datagram.getInt(i))) {
        i += 4;
      }
    }
    return events;
  }
}
