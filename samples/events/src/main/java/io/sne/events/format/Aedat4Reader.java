package io.sne.events.format;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventFormatException;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * iniVation AEDAT 4.0 (DV): "#!AER-DAT4.0\r\n", a u32 length and the IOHeader FlatBuffer (see
 * {@link Aedat4Header}), then packets: u32 stream id, u32 size, and a body compressed as the
 * header says. A decompressed body is a size-prefixed FlatBuffer with a 4-byte identifier; for
 * "EVTS" its root table's field 0 is a vector of 16-byte Event structs (int64 timestamp µs,
 * int16 x, int16 y, bool on, 3 padding bytes). Events come from the first EVTS stream; packets of
 * other streams (frames, IMU, triggers, other event streams) are skipped unopened and counted
 * per type. Reading stops at the file data table (dataTablePosition) when there is one.
 */
public final class Aedat4Reader extends PacketReader {
  private static final int MAX_PACKET_BYTES = 256 << 20;
  private static final int EVENT_STRUCT_BYTES = 16;

  private final BinaryInput in;
  private final Aedat4Header header;
  private final int eventStreamId;
  private final SensorGeometry geometry;
  private byte[] raw = new byte[1 << 16];
  private final byte[][] decoded = {new byte[1 << 16]};
  private ByteBuffer events = ByteBuffer.allocate(0);
  private int eventsStart;
  private int eventCount;
  private int cursor;

  public Aedat4Reader(Path file) throws IOException {
    this(file, DEFAULT_PACKET_EVENTS);
  }

  public Aedat4Reader(Path file, int packetEvents) throws IOException {
    super(packetEvents);
    this.in = new BinaryInput(file);
    byte[] magic = new byte[Aedat4Header.MAGIC.length()];
    if (in.read(magic, magic.length) < magic.length
        || !Aedat4Header.MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
      throw new EventFormatException(file, 0, "expected the AEDAT 4.0 magic \"#!AER-DAT4.0\\r\\n\"");
    }
    long lengthOffset = in.offset();
    if (in.fill(4) < 4) {
      throw new EventFormatException(file, lengthOffset, "expected the 4-byte IOHeader length (truncated)");
    }
    int length = in.buffer().getInt();
    if (length <= 0 || length > MAX_PACKET_BYTES) {
      throw new EventFormatException(file, lengthOffset, "expected an IOHeader length in (0, 256 MiB], found " + length);
    }
    byte[] headerBytes = new byte[length];
    long headerOffset = in.offset();
    if (in.read(headerBytes, length) < length) {
      throw new EventFormatException(file, headerOffset, "expected a " + length + "-byte IOHeader, the file ends first (truncated)");
    }
    try {
      this.header = Aedat4Header.parse(headerBytes);
    } catch (FlatBuffers.Malformed e) {
      throw new EventFormatException(file, headerOffset, "IOHeader FlatBuffer: " + e.getMessage());
    }
    Aedat4Header.Stream eventStream = header.streams().values().stream()
        .filter(s -> s.type().equals("EVTS")).findFirst()
        .orElseThrow(() -> new EventFormatException(file, headerOffset,
            "expected an event stream (typeIdentifier EVTS) in the infoNode, found " + header.streams().values()));
    this.eventStreamId = eventStream.id();
    this.geometry = eventStream.width() > 0 && eventStream.height() > 0
        ? new SensorGeometry(eventStream.width(), eventStream.height()) : SensorGeometry.UNKNOWN;
  }

  @Override
  public EventFormat format() {
    return EventFormat.AEDAT4;
  }

  @Override
  public SensorGeometry geometry() {
    return geometry;
  }

  public Aedat4Compression compression() {
    return header.compression();
  }

  @Override
  protected boolean decode(EventBuffer packet) throws IOException {
    if (cursor < eventCount) {
      copyEvents(packet);
      return true;
    }
    long packetOffset = in.offset();
    if (header.dataTablePosition() >= 0 && packetOffset >= header.dataTablePosition()) {
      return false;
    }
    int available = in.fill(8);
    if (available == 0) {
      return false;
    }
    if (available < 8) {
      throw new EventFormatException(in.file(), packetOffset, "expected an 8-byte packet header (stream id, size), found only "
          + available + " bytes before the end of the file (truncated)");
    }
    int streamId = in.buffer().getInt();
    int size = in.buffer().getInt();
    Aedat4Header.Stream stream = header.streams().get(streamId);
    if (stream == null) {
      throw new EventFormatException(in.file(), packetOffset,
          "expected a stream id declared in the header " + header.streams().keySet() + ", found " + streamId);
    }
    if (size < 0 || size > MAX_PACKET_BYTES) {
      throw new EventFormatException(in.file(), packetOffset + 4, "expected a packet size in [0, 256 MiB], found " + size);
    }
    if (raw.length < size) {
      raw = new byte[Math.max(size, raw.length * 2)];
    }
    int got = in.read(raw, size);
    if (got < size) {
      throw new EventFormatException(in.file(), packetOffset + 8, "expected a " + size
          + "-byte packet body, the file ends after " + got + " bytes (truncated)");
    }
    if (streamId != eventStreamId) {
      countSkipped(stream.type() + " packets", 1);
      return true;
    }
    int length;
    try {
      length = header.compression().decompress(raw, size, decoded);
    } catch (IOException | RuntimeException e) { // the codecs throw unchecked exceptions for corrupt input too
      throw new EventFormatException(in.file(), packetOffset + 8,
          "expected a " + header.compression() + "-compressed packet body: " + e.getMessage());
    }
    try {
      parseEventPacket(ByteBuffer.wrap(decoded[0], 0, length).order(ByteOrder.LITTLE_ENDIAN));
    } catch (FlatBuffers.Malformed e) {
      throw new EventFormatException(in.file(), packetOffset + 8, "EVTS packet FlatBuffer (after decompression): " + e.getMessage());
    }
    copyEvents(packet);
    return true;
  }

  private void parseEventPacket(ByteBuffer b) throws FlatBuffers.Malformed {
    FlatBuffers.check(b, 0, 12);
    long declared = b.getInt(0) & 0xFFFFFFFFL;
    if (declared + 4 > b.limit()) {
      throw new FlatBuffers.Malformed("size prefix says " + declared + " bytes, only " + (b.limit() - 4) + " follow");
    }
    String identifier = new String(new byte[] {b.get(8), b.get(9), b.get(10), b.get(11)}, StandardCharsets.ISO_8859_1);
    if (!identifier.equals("EVTS")) {
      throw new FlatBuffers.Malformed("expected identifier EVTS, found \"" + identifier + "\"");
    }
    int table = FlatBuffers.deref(b, 4);
    int elements = FlatBuffers.field(b, table, 0);
    if (elements < 0) {
      eventCount = 0;
      cursor = 0;
      return;
    }
    int vector = FlatBuffers.deref(b, elements);
    int count = FlatBuffers.u32(b, vector);
    FlatBuffers.check(b, vector + 4, (long) count * EVENT_STRUCT_BYTES);
    events = b;
    eventsStart = vector + 4;
    eventCount = count;
    cursor = 0;
  }

  private void copyEvents(EventBuffer packet) {
    int n = Math.min(eventCount - cursor, Math.max(1, packetEvents - packet.size()));
    packet.ensureCapacity(packet.size() + n);
    long[] ts = packet.timestampsUs();
    int[] xs = packet.xs();
    int[] ys = packet.ys();
    byte[] ps = packet.polarities();
    int out = packet.size();
    int pos = eventsStart + cursor * EVENT_STRUCT_BYTES;
    for (int i = 0; i < n; i++, pos += EVENT_STRUCT_BYTES, out++) {
      ts[out] = events.getLong(pos);
      xs[out] = events.getShort(pos + 8);
      ys[out] = events.getShort(pos + 10);
      ps[out] = (byte) (events.get(pos + 12) != 0 ? 1 : 0);
    }
    cursor += n;
    packet.setSize(out);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
