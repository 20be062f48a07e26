package io.sne.events.format;

import io.sne.events.EventBuffer;
import io.sne.events.EventWriter;
import io.sne.events.SensorGeometry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes Prophesee RAW EVT 3.0 (see {@link Evt3Reader}). Time words are emitted only when the
 * time changes; runs of events that share time, row and polarity with increasing x inside a
 * 12-pixel window are vectorised (VECT_BASE_X + VECT_8 or VECT_12), others use EVT_ADDR_X. A run
 * that goes on past its window continues with further VECT words and no new VECT_BASE_X (the
 * decoder's base advances by 12 or 8 after each), as a sensor does for a busy row. Event order is
 * preserved exactly, so reading the file back gives the same list.
 */
public final class Evt3Writer implements EventWriter {
  private static final int ADDR_Y = 0x0;
  private static final int ADDR_X = 0x2;
  private static final int VECT_BASE_X = 0x3;
  private static final int VECT_12 = 0x4;
  private static final int VECT_8 = 0x5;
  private static final int TIME_LOW = 0x6;
  private static final int TIME_HIGH = 0x8;

  private final OutputStream out;
  private final SensorGeometry geometry;
  private final ByteBuffer words = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long epoch = -1;
  private int timeHigh = -1;
  private int timeLow = -1;
  private int y = -1;
  private long lastTimestampUs = Long.MIN_VALUE;
  /** The decoder's vector base after the last VECT word, or -1 when the next event cannot continue it. */
  private int nextBaseX = -1;
  private int vectorPolarity;
  private long vectorTimestampUs;

  public Evt3Writer(Path file, SensorGeometry geometry) throws IOException {
    if (!geometry.isKnown() || geometry.width() > 2048 || geometry.height() > 2048) {
      throw new IllegalArgumentException("EVT 3.0 needs a known sensor size up to 2048x2048, got " + geometry);
    }
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    this.geometry = geometry;
    String header = "% evt 3.0\n"
        + "% format EVT3;height=" + geometry.height() + ";width=" + geometry.width() + "\n"
        + "% geometry " + geometry.width() + "x" + geometry.height() + "\n"
        + "% end\n";
    out.write(header.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void write(EventBuffer events) throws IOException {
    int i = 0;
    while (i < events.size()) {
      long t = events.t(i);
      if (t < lastTimestampUs || t < 0) {
        throw new IllegalArgumentException("EVT 3.0 needs non-decreasing timestamps >= 0; event "
            + events.describe(i) + " follows t=" + lastTimestampUs);
      }
      if (!geometry.contains(events.x(i), events.y(i))) {
        throw new IllegalArgumentException("event " + events.describe(i) + " lies outside the " + geometry + " sensor");
      }
      lastTimestampUs = t;
      setTime(t);
      if (events.y(i) != y) {
        y = events.y(i);
        put(ADDR_Y, y);
        nextBaseX = -1;
      }
      boolean continuesVector = nextBaseX >= 0 && t == vectorTimestampUs && events.p(i) == vectorPolarity
          && events.x(i) >= nextBaseX && events.x(i) < nextBaseX + 12;
      int base = continuesVector ? nextBaseX : events.x(i);
      int run = vectorRun(events, i, base);
      if (continuesVector || run >= 2) {
        int mask = 0;
        for (int k = i; k < i + run; k++) {
          mask |= 1 << (events.x(k) - base);
        }
        if (!continuesVector) {
          put(VECT_BASE_X, events.p(i) << 11 | base);
        }
        if (mask < (1 << 8)) {
          put(VECT_8, mask);
          nextBaseX = base + 8;
        } else {
          put(VECT_12, mask);
          nextBaseX = base + 12;
        }
        vectorPolarity = events.p(i);
        vectorTimestampUs = t;
        i += run;
      } else {
        put(ADDR_X, events.p(i) << 11 | events.x(i));
        i++;
      }
    }
  }

  /** How many events from {@code start} share time, row and polarity, x rising below {@code base + 12}. */
  private static int vectorRun(EventBuffer events, int start, int base) {
    int end = start + 1;
    while (end < events.size()
        && events.t(end) == events.t(start)
        && events.y(end) == events.y(start)
        && events.p(end) == events.p(start)
        && events.x(end) > events.x(end - 1)
        && events.x(end) - base < 12) {
      end++;
    }
    return end - start;
  }

  private void setTime(long t) throws IOException {
    long newEpoch = t >>> 24;
    int high = (int) ((t >>> 12) & 0xFFF);
    int low = (int) (t & 0xFFF);
    if (epoch < 0) {
      // Start from time 0 so that later times of any size are reached by counted wraps.
      put(TIME_HIGH, 0);
      timeHigh = 0;
      epoch = 0;
    }
    while (epoch < newEpoch) {
      // Each decrease of TIME_HIGH is one wrap: go to the top, then back to 0.
      put(TIME_HIGH, 0xFFF);
      put(TIME_HIGH, 0);
      timeHigh = 0;
      epoch++;
    }
    if (high != timeHigh) {
      put(TIME_HIGH, high);
      timeHigh = high;
      timeLow = -1;
    }
    if (low != timeLow) {
      put(TIME_LOW, low);
      timeLow = low;
    }
  }

  private void put(int type, int payload) throws IOException {
    if (!words.hasRemaining()) {
      flushWords();
    }
    words.putShort((short) (type << 12 | payload));
  }

  private void flushWords() throws IOException {
    out.write(words.array(), 0, words.position());
    words.clear();
  }

  @Override
  public void close() throws IOException {
    try {
      flushWords();
    } finally {
      out.close();
    }
  }
}
