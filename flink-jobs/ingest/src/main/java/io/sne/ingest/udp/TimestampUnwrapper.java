package io.sne.ingest.udp;

/**
 * Turns the sensor's 32-bit microsecond counter, which wraps every 2^32 us (about 71.6 minutes),
 * into a 64-bit time that keeps increasing across wraps.
 *
 * <p>Each raw value is placed at the 64-bit time nearest to the previous one (within half the
 * counter range, about 35.8 minutes). That tells a wrap (a huge backwards step) from slightly
 * reordered events (a small backwards step), in either direction across the wrap.
 *
 * <p>Kept for the life of the ingest, also across streams ended by idleness: a sensor that only
 * paused keeps its time line. A sensor that restarted counts from 0 again, which lands at some
 * other point of the 64-bit line; that is harmless, because its events start a new stream.
 */
final class TimestampUnwrapper {
  private boolean started;
  private long lastUs;

  long unwrap(int rawUs) {
    if (!started) {
      started = true;
      lastUs = Integer.toUnsignedLong(rawUs);
      return lastUs;
    }
    int stepUs = rawUs - (int) lastUs; // wraps modulo 2^32: the signed step to the nearest candidate
    lastUs += stepUs;
    return lastUs;
  }
}
