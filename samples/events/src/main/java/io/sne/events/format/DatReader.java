package io.sne.events.format;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventFormatException;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Prophesee DAT (ATIS datasets such as N-CARS, GEN1): a "%" text header, one byte event type
 * (0x00 or 0x0C: CD events), one byte event size (8), then 8-byte little-endian records: a 32-bit
 * µs timestamp and a 32-bit word with x in bits 0..13, y in bits 14..27, polarity in bits 28..31.
 * The 32-bit timestamp is unwrapped when it falls back by more than half its range.
 */
public final class DatReader extends PacketReader {
  private static final long RANGE_US = 1L << 32;

  private final BinaryInput in;
  private final SensorGeometry geometry;
  private final int eventBytes;
  private long wrapOffsetUs;
  private long lastRawUs = -1;

  public DatReader(Path file) throws IOException {
    this(file, DEFAULT_PACKET_EVENTS);
  }

  public DatReader(Path file, int packetEvents) throws IOException {
    super(packetEvents);
    this.in = new BinaryInput(file);
    PercentHeader header = PercentHeader.read(in);
    this.geometry = header.geometry();
    long typeOffset = in.offset();
    if (in.fill(2) < 2) {
      throw new EventFormatException(file, typeOffset, "expected the DAT event type and size bytes after the header");
    }
    ByteBuffer b = in.buffer();
    int type = b.get() & 0xFF;
    this.eventBytes = b.get() & 0xFF;
    if ((type != 0x00 && type != 0x0C) || eventBytes != 8) {
      throw new EventFormatException(file, typeOffset, String.format(
          "expected DAT CD events (type 0x00 or 0x0C, 8 bytes each), found type 0x%02X of %d bytes", type, eventBytes));
    }
  }

  @Override
  public EventFormat format() {
    return EventFormat.PROPHESEE_DAT;
  }

  @Override
  public SensorGeometry geometry() {
    return geometry;
  }

  @Override
  protected boolean decode(EventBuffer packet) throws IOException {
    int available = in.fill(eventBytes);
    if (available < eventBytes) {
      if (available > 0) {
        throw new EventFormatException(in.file(), in.offset(), "expected an 8-byte DAT event, found only "
            + available + " bytes before the end of the file (truncated)");
      }
      return false;
    }
    ByteBuffer b = in.buffer();
    int pos = b.position();
    int events = Math.min(available / eventBytes, packetEvents - packet.size());
    packet.ensureCapacity(packet.size() + events);
    long[] ts = packet.timestampsUs();
    int[] xs = packet.xs();
    int[] ys = packet.ys();
    byte[] ps = packet.polarities();
    int n = packet.size();
    for (int i = 0; i < events; i++, pos += eventBytes, n++) {
      long raw = b.getInt(pos) & 0xFFFFFFFFL;
      int word = b.getInt(pos + 4);
      if (raw < lastRawUs - RANGE_US / 2) {
        wrapOffsetUs += RANGE_US;
      }
      lastRawUs = raw;
      ts[n] = raw + wrapOffsetUs;
      xs[n] = word & 0x3FFF;
      ys[n] = (word >>> 14) & 0x3FFF;
      ps[n] = (byte) ((word >>> 28) != 0 ? 1 : 0);
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
