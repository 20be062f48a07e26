package io.sne.events.format;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventFormatException;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * N-MNIST / N-Caltech101 binary (Orchard et al. 2015): no header, 5 bytes per event: x (8 bits),
 * y (8 bits), polarity (1 bit, 1 = ON) and a 23-bit µs timestamp, big-endian. The 23-bit clock
 * wraps after 8.4 s; a timestamp that falls back by more than half that range is taken as a wrap.
 * The format has no geometry field; N-MNIST's ATIS crop is 34x34.
 */
public final class NmnistReader extends PacketReader {
  public static final SensorGeometry NMNIST_SENSOR = new SensorGeometry(34, 34);
  private static final long RANGE_US = 1L << 23;

  private final BinaryInput in;
  private long wrapOffsetUs;
  private long lastRawUs = -1;

  public NmnistReader(Path file) throws IOException {
    this(file, DEFAULT_PACKET_EVENTS);
  }

  public NmnistReader(Path file, int packetEvents) throws IOException {
    super(packetEvents);
    this.in = new BinaryInput(file);
  }

  @Override
  public EventFormat format() {
    return EventFormat.NMNIST_BIN;
  }

  @Override
  public SensorGeometry geometry() {
    return NMNIST_SENSOR;
  }

  @Override
  protected boolean decode(EventBuffer packet) throws IOException {
    int available = in.fill(5);
    if (available < 5) {
      if (available > 0) {
        throw new EventFormatException(in.file(), in.offset(),
            "expected a 5-byte N-MNIST event, found only " + available + " bytes before the end of the file (truncated)");
      }
      return false;
    }
    ByteBuffer b = in.buffer();
    byte[] a = b.array();
    int pos = b.position();
    int events = Math.min(available / 5, packetEvents - packet.size());
    packet.ensureCapacity(packet.size() + events);
    long[] ts = packet.timestampsUs();
    int[] xs = packet.xs();
    int[] ys = packet.ys();
    byte[] ps = packet.polarities();
    int n = packet.size();
    for (int i = 0; i < events; i++, pos += 5, n++) {
      int b2 = a[pos + 2] & 0xFF;
      long raw = ((long) (b2 & 0x7F) << 16) | ((a[pos + 3] & 0xFF) << 8) | (a[pos + 4] & 0xFF);
      if (raw < lastRawUs - RANGE_US / 2) {
        wrapOffsetUs += RANGE_US;
      }
      lastRawUs = raw;
      xs[n] = a[pos] & 0xFF;
      ys[n] = a[pos + 1] & 0xFF;
      ps[n] = (byte) (b2 >>> 7);
      ts[n] = raw + wrapOffsetUs;
    }
    b.position(pos);
    packet.setSize(n);
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
