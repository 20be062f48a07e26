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
 * Writes iniVation AEDAT 4.0 with one event stream (id 0, EVTS), packets of at most
 * {@link #PACKET_EVENTS} events, compressed as chosen, and no file data table
 * (dataTablePosition -1), as DV does for a recording it could not finalise. The FlatBuffers are
 * laid out by hand (see {@link Aedat4Reader} for the layout).
 */
public final class Aedat4Writer implements EventWriter {
  public static final int PACKET_EVENTS = 4096;
  private static final int EVENT_STRUCT_BYTES = 16;

  private final OutputStream out;
  private final SensorGeometry geometry;
  private final Aedat4Compression compression;
  private final ByteBuffer packetHeader = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

  public Aedat4Writer(Path file, SensorGeometry geometry, Aedat4Compression compression) throws IOException {
    if (!geometry.isKnown() || geometry.width() > Short.MAX_VALUE || geometry.height() > Short.MAX_VALUE) {
      throw new IllegalArgumentException("AEDAT 4.0 needs a known sensor size up to 32767x32767, got " + geometry);
    }
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    this.geometry = geometry;
    this.compression = compression;
    byte[] header = ioHeader(Aedat4Header.eventStreamXml(geometry.width(), geometry.height(), compression), compression);
    out.write(Aedat4Header.MAGIC.getBytes(StandardCharsets.ISO_8859_1));
    ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length);
    out.write(length.array());
    out.write(header);
  }

  /** IOHeader table: compression (int32) at +4, dataTablePosition (int64) at +8, infoNode (string) at +16. */
  static byte[] ioHeader(String xml, Aedat4Compression compression) {
    byte[] text = xml.getBytes(StandardCharsets.UTF_8);
    int stringStart = 36;
    int size = stringStart + 4 + text.length + 1;
    size = (size + 3) & ~3;
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 16); // root table at 16
    b.putShort(4, (short) 10).putShort(6, (short) 20).putShort(8, (short) 4).putShort(10, (short) 8).putShort(12, (short) 16);
    b.putInt(16, 16 - 4); // table -> vtable at 4
    b.putInt(20, compression.code());
    b.putLong(24, -1L);
    b.putInt(32, stringStart - 32);
    b.putInt(stringStart, text.length);
    b.put(stringStart + 4, text);
    return b.array();
  }

  @Override
  public void write(EventBuffer events) throws IOException {
    for (int start = 0; start < events.size(); start += PACKET_EVENTS) {
      writePacket(events, start, Math.min(events.size(), start + PACKET_EVENTS));
    }
  }

  /** Size-prefixed EVTS FlatBuffer: prefix, root offset, identifier, vtable, table, vector of structs. */
  private void writePacket(EventBuffer events, int from, int to) throws IOException {
    int n = to - from;
    int total = 32 + n * EVENT_STRUCT_BYTES;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, total - 4);
    b.putInt(4, 16); // root table at 4 + 16 = 20
    b.put(8, "EVTS".getBytes(StandardCharsets.ISO_8859_1));
    b.putShort(12, (short) 6).putShort(14, (short) 8).putShort(16, (short) 4);
    b.putInt(20, 20 - 12); // table -> vtable at 12
    b.putInt(24, 28 - 24); // elements -> vector at 28
    b.putInt(28, n);
    int pos = 32;
    for (int i = from; i < to; i++, pos += EVENT_STRUCT_BYTES) {
      if (!geometry.contains(events.x(i), events.y(i))) {
        throw new IllegalArgumentException("event " + events.describe(i) + " lies outside the " + geometry + " sensor");
      }
      b.putLong(pos, events.t(i));
      b.putShort(pos + 8, (short) events.x(i));
      b.putShort(pos + 10, (short) events.y(i));
      b.put(pos + 12, (byte) events.p(i));
    }
    byte[] body = compression.compress(b.array(), total);
    packetHeader.clear();
    packetHeader.putInt(0).putInt(body.length);
    out.write(packetHeader.array());
    out.write(body);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
