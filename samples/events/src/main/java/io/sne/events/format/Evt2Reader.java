package io.sne.events.format;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventFormatException;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Prophesee RAW EVT 2.0: a "%" text header, then little-endian 32-bit words whose top 4 bits give
 * the type. CD_OFF (0x0) / CD_ON (0x1): bits 27..22 timestamp low 6 bits, 21..11 x, 10..0 y.
 * EV_TIME_HIGH (0x8): bits 27..0 the upper 28 bits of the 34-bit µs timestamp. EXT_TRIGGER (0xA),
 * OTHERS (0xE) and CONTINUED (0xF) are skipped and counted. CD events before the first
 * EV_TIME_HIGH have no time base and are dropped (as OpenEB does), counted as "cdBeforeTimeHigh".
 */
public final class Evt2Reader extends PacketReader {
  static final int CD_OFF = 0x0;
  static final int CD_ON = 0x1;
  static final int TIME_HIGH = 0x8;
  static final int EXT_TRIGGER = 0xA;
  static final int OTHERS = 0xE;
  static final int CONTINUED = 0xF;
  /** The 34-bit timestamp wraps after about 4.8 hours. */
  private static final long WRAP_US = 1L << 34;

  private final BinaryInput in;
  private final SensorGeometry geometry;
  private long timeHighUs = -1;
  private long wrapOffsetUs;
  private long triggers;
  private long others;
  private long orphans;

  public Evt2Reader(Path file) throws IOException {
    this(file, DEFAULT_PACKET_EVENTS);
  }

  public Evt2Reader(Path file, int packetEvents) throws IOException {
    super(packetEvents);
    this.in = new BinaryInput(file);
    this.geometry = PercentHeader.read(in).geometry();
  }

  @Override
  public EventFormat format() {
    return EventFormat.EVT2;
  }

  @Override
  public SensorGeometry geometry() {
    return geometry;
  }

  @Override
  protected boolean decode(EventBuffer packet) throws IOException {
    int available = in.fill(4);
    if (available < 4) {
      flushCounts();
      if (available > 0) {
        throw new EventFormatException(in.file(), in.offset(),
            "expected a 4-byte EVT 2.0 word, found only " + available + " bytes before the end of the file (truncated)");
      }
      return false;
    }
    ByteBuffer b = in.buffer();
    int words = Math.min(available >>> 2, packetEvents - packet.size());
    packet.ensureCapacity(packet.size() + words);
    long[] ts = packet.timestampsUs();
    int[] xs = packet.xs();
    int[] ys = packet.ys();
    byte[] ps = packet.polarities();
    int n = packet.size();
    int pos = b.position();
    long base = timeHighUs + wrapOffsetUs;
    try {
      for (int i = 0; i < words; i++, pos += 4) {
        int word = b.getInt(pos);
        int type = word >>> 28;
        if (type <= CD_ON) {
          if (timeHighUs < 0) {
            orphans++;
            continue;
          }
          ts[n] = base + ((word >>> 22) & 0x3F);
          xs[n] = (word >>> 11) & 0x7FF;
          ys[n] = word & 0x7FF;
          ps[n] = (byte) type;
          n++;
        } else if (type == TIME_HIGH) {
          long high = (long) (word & 0x0FFFFFFF) << 6;
          if (timeHighUs >= 0 && high < timeHighUs) {
            wrapOffsetUs += WRAP_US;
          }
          timeHighUs = high;
          base = timeHighUs + wrapOffsetUs;
        } else if (type == EXT_TRIGGER) {
          triggers++;
        } else if (type == OTHERS || type == CONTINUED) {
          others++;
        } else {
          throw new EventFormatException(in.file(), in.offsetOf(pos), String.format(
              "expected an EVT 2.0 word of type 0x0, 0x1, 0x8, 0xA, 0xE or 0xF, found type 0x%X (word 0x%08X)", type, word));
        }
      }
    } finally {
      b.position(pos);
      packet.setSize(n);
      flushCounts();
    }
    return true;
  }

  private void flushCounts() {
    if (triggers > 0) {
      countSkipped("triggers", triggers);
    }
    if (others > 0) {
      countSkipped("others", others);
    }
    if (orphans > 0) {
      countSkipped("cdBeforeTimeHigh", orphans);
    }
    triggers = others = orphans = 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
