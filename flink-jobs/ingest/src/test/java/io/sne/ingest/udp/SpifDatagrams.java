package io.sne.ingest.udp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side encoder of SPIF datagrams, written from the word format's definition (not from the
 * decoder) so the two are checked against each other.
 */
final class SpifDatagrams {
  private SpifDatagrams() {}

  /**
   * Packs events into datagrams of at most {@code maxPayloadBytes}; with {@code withTimestamps}
   * each event is followed by its timestamp's low 32 bits, the way a sensor's wrapping counter sends it.
   */
  static List<byte[]> encode(List<SpifEvent> events, boolean withTimestamps, int maxPayloadBytes, ByteOrder order) {
    int bytesPerEvent = withTimestamps ? 8 : 4;
    int eventsPerDatagram = maxPayloadBytes / bytesPerEvent;
    List<byte[]> datagrams = new ArrayList<>();
    for (int from = 0; from < events.size(); from += eventsPerDatagram) {
      List<SpifEvent> chunk = events.subList(from, Math.min(events.size(), from + eventsPerDatagram));
      ByteBuffer datagram = ByteBuffer.allocate(chunk.size() * bytesPerEvent).order(order);
      for (SpifEvent e : chunk) {
        datagram.putInt(word(e.x(), e.y(), e.on(), withTimestamps));
        if (withTimestamps) {
          datagram.putInt((int) e.timestampUs());
        }
      }
      datagrams.add(datagram.array());
    }
    return datagrams;
  }

  /** The word per the format: bit 31 = no timestamp follows, 30..16 = x, 15 = polarity, 14..0 = y. */
  static int word(int x, int y, boolean on, boolean timestampFollows) {
    long word = (timestampFollows ? 0L : 1L << 31) | ((long) x << 16) | (on ? 1L << 15 : 0L) | y;
    return (int) word;
  }

  static byte[] words(ByteOrder order, int... words) {
    ByteBuffer datagram = ByteBuffer.allocate(words.length * 4).order(order);
    for (int w : words) {
      datagram.putInt(w);
    }
    return datagram.array();
  }
}
