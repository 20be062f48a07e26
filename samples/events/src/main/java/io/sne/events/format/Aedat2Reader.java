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
import java.util.Locale;

/**
 * jAER AEDAT 2.0: text header lines starting with '#' (the first "#!AER-DAT2.0"), then big-endian
 * 8-byte records: a 32-bit address and a 32-bit µs timestamp. The address layout depends on the
 * camera, named in the header (jAER writes the chip class):
 *
 * <ul>
 *   <li>DVS128 (default): x = 127 - bits 7..1, y = bits 14..8, polarity = NOT bit 0 (bit 0 set =
 *       OFF), bit 15 = external event (skipped, "special");
 *   <li>DAVIS240/346/640: bit 31 set = APS or IMU sample (skipped, "apsOrImu"); bit 10 set =
 *       external event ("special"); otherwise x = width-1 - bits 21..12, y = bits 30..22,
 *       polarity = bit 11 (1 = ON).
 * </ul>
 *
 * Coordinates follow jAER's extractors (x mirrored, origin at the bottom left as jAER shows it).
 * The 32-bit timestamp is unwrapped when it falls back by more than half its range.
 */
public final class Aedat2Reader extends PacketReader {
  private static final long RANGE_US = 1L << 32;

  private enum Camera { DVS128, DAVIS }

  private final BinaryInput in;
  private final Camera camera;
  private final SensorGeometry geometry;
  private long wrapOffsetUs;
  private long lastRawUs = -1;
  private long special;
  private long apsOrImu;

  public Aedat2Reader(Path file) throws IOException {
    this(file, DEFAULT_PACKET_EVENTS);
  }

  public Aedat2Reader(Path file, int packetEvents) throws IOException {
    super(packetEvents);
    this.in = new BinaryInput(file, 1 << 20, ByteOrder.BIG_ENDIAN);
    String header = readHeader(in);
    if (!header.startsWith("#!AER-DAT2")) {
      throw new EventFormatException(file, 0, "expected the AEDAT 2.0 first line \"#!AER-DAT2.0\"");
    }
    String lower = header.toLowerCase(Locale.ROOT);
    if (lower.contains("davis346")) {
      camera = Camera.DAVIS;
      geometry = new SensorGeometry(346, 260);
    } else if (lower.contains("davis640")) {
      camera = Camera.DAVIS;
      geometry = new SensorGeometry(640, 480);
    } else if (lower.contains("davis")) {
      camera = Camera.DAVIS;
      geometry = new SensorGeometry(240, 180);
    } else {
      camera = Camera.DVS128;
      geometry = new SensorGeometry(128, 128);
    }
  }

  /** The '#' lines, consumed from the input. */
  static String readHeader(BinaryInput in) throws IOException {
    StringBuilder header = new StringBuilder();
    while (in.fill(1) > 0 && in.buffer().get(in.buffer().position()) == '#') {
      ByteBuffer b = in.buffer();
      in.fill(4096);
      int start = b.position();
      int end = start;
      while (end < b.limit() && b.get(end) != '\n') {
        end++;
      }
      if (end == b.limit()) {
        break;
      }
      header.append(new String(b.array(), start, end - start + 1, StandardCharsets.ISO_8859_1));
      b.position(end + 1);
    }
    return header.toString();
  }

  @Override
  public EventFormat format() {
    return EventFormat.AEDAT2;
  }

  @Override
  public SensorGeometry geometry() {
    return geometry;
  }

  @Override
  protected boolean decode(EventBuffer packet) throws IOException {
    int available = in.fill(8);
    if (available < 8) {
      flushCounts();
      if (available > 0) {
        throw new EventFormatException(in.file(), in.offset(), "expected an 8-byte AEDAT 2.0 record (address, timestamp), found only "
            + available + " bytes before the end of the file (truncated)");
      }
      return false;
    }
    ByteBuffer b = in.buffer();
    int pos = b.position();
    int records = Math.min(available / 8, packetEvents - packet.size());
    packet.ensureCapacity(packet.size() + records);
    long[] ts = packet.timestampsUs();
    int[] xs = packet.xs();
    int[] ys = packet.ys();
    byte[] ps = packet.polarities();
    int n = packet.size();
    int maxX = geometry.width() - 1;
    for (int i = 0; i < records; i++, pos += 8) {
      int address = b.getInt(pos);
      long raw = b.getInt(pos + 4) & 0xFFFFFFFFL;
      if (raw < lastRawUs - RANGE_US / 2) {
        wrapOffsetUs += RANGE_US;
      }
      lastRawUs = raw;
      if (camera == Camera.DVS128) {
        if ((address & 0x8000) != 0) {
          special++;
          continue;
        }
        xs[n] = 127 - ((address >>> 1) & 0x7F);
        ys[n] = (address >>> 8) & 0x7F;
        ps[n] = (byte) (1 - (address & 1));
      } else {
        if (address < 0) {
          apsOrImu++;
          continue;
        }
        if ((address & 0x400) != 0) {
          special++;
          continue;
        }
        xs[n] = maxX - ((address >>> 12) & 0x3FF);
        ys[n] = (address >>> 22) & 0x1FF;
        ps[n] = (byte) ((address >>> 11) & 1);
      }
      ts[n] = raw + wrapOffsetUs;
      n++;
    }
    b.position(pos);
    packet.setSize(n);
    flushCounts();
    return true;
  }

  private void flushCounts() {
    if (special > 0) {
      countSkipped("special", special);
    }
    if (apsOrImu > 0) {
      countSkipped("apsOrImu", apsOrImu);
    }
    special = apsOrImu = 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
