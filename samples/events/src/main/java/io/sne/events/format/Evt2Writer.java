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
 * Writes Prophesee RAW EVT 2.0 (see {@link Evt2Reader}) with a header that OpenEB/Metavision and
 * SNE both read: "% evt 2.0", "% format EVT2;height=H;width=W", "% geometry WxH", "% end".
 */
public final class Evt2Writer implements EventWriter {
  private static final long MAX_TIMESTAMP_US = (1L << 34) - 1;

  private final OutputStream out;
  private final SensorGeometry geometry;
  private final ByteBuffer words = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long timeHigh = -1;
  private long lastTimestampUs = Long.MIN_VALUE;

  public Evt2Writer(Path file, SensorGeometry geometry) throws IOException {
    this(Files.newOutputStream(file), geometry);
  }

  public Evt2Writer(OutputStream out, SensorGeometry geometry) throws IOException {
    if (!geometry.isKnown() || geometry.width() > 2048 || geometry.height() > 2048) {
      throw new IllegalArgumentException("EVT 2.0 needs a known sensor size up to 2048x2048, got " + geometry);
    }
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.geometry = geometry;
    String header = "% evt 2.0\n"
        + "% format EVT2;height=" + geometry.height() + ";width=" + geometry.width() + "\n"
        + "% geometry " + geometry.width() + "x" + geometry.height() + "\n"
        + "% end\n";
    this.out.write(header.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void write(EventBuffer events) throws IOException {
    for (int i = 0; i < events.size(); i++) {
      long t = events.t(i);
      int x = events.x(i);
      int y = events.y(i);
      if (t < lastTimestampUs || t < 0 || t > MAX_TIMESTAMP_US) {
        throw new IllegalArgumentException("EVT 2.0 needs non-decreasing timestamps in [0, 2^34) µs; event "
            + events.describe(i) + " follows t=" + lastTimestampUs);
      }
      if (!geometry.contains(x, y)) {
        throw new IllegalArgumentException("event " + events.describe(i) + " lies outside the " + geometry + " sensor");
      }
      lastTimestampUs = t;
      if (words.remaining() < 8) {
        flushWords();
      }
      long high = t >>> 6;
      if (high != timeHigh) {
        words.putInt((Evt2Reader.TIME_HIGH << 28) | (int) high);
        timeHigh = high;
      }
      words.putInt((events.p(i) << 28) | ((int) (t & 0x3F) << 22) | (x << 11) | y);
    }
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
