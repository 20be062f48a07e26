package io.sne.events.format;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventFormatException;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Prophesee RAW EVT 3.0: a "%" text header, then little-endian 16-bit words (type in bits 15..12)
 * that update a decoder state:
 *
 * <ul>
 *   <li>0x0 EVT_ADDR_Y: y = bits 10..0 (bit 11: master/slave);
 *   <li>0x2 EVT_ADDR_X: one event at x = bits 10..0, polarity bit 11;
 *   <li>0x3 VECT_BASE_X: base x = bits 10..0 and polarity bit 11 for the vectors that follow;
 *   <li>0x4 VECT_12 / 0x5 VECT_8: bit i set = event at base x + i; base x then advances 12 / 8;
 *   <li>0x6 EVT_TIME_LOW: bits 11..0 of the 24-bit µs time; 0x8 EVT_TIME_HIGH: bits 23..12;
 *   <li>0xA EXT_TRIGGER, 0xE OTHERS, 0x7 CONTINUED_4, 0xF CONTINUED_12: skipped and counted.
 * </ul>
 *
 * The 24-bit time wraps every 16.8 s: only an EVT_TIME_HIGH that decreases counts as a wrap. An
 * EVT_TIME_LOW below the previous one just sets the low bits (the sensor may emit a slightly
 * earlier time-low after a later one); taking it for a wrap would throw events 16.8 s ahead.
 */
public final class Evt3Reader extends PacketReader {
  private static final long WRAP_US = 1L << 24;

  private final BinaryInput in;
  private final SensorGeometry geometry;
  private int y;
  private int baseX;
  private int vectorPolarity;
  private long timeHigh = -1;
  private long timeLow;
  private long wrapOffsetUs;
  private long triggers;
  private long others;
  private long orphans;

  public Evt3Reader(Path file) throws IOException {
    this(file, DEFAULT_PACKET_EVENTS);
  }

  public Evt3Reader(Path file, int packetEvents) throws IOException {
    super(packetEvents);
    this.in = new BinaryInput(file);
    this.geometry = PercentHeader.read(in).geometry();
  }

  @Override
  public EventFormat format() {
    return EventFormat.EVT3;
  }

  @Override
  public SensorGeometry geometry() {
    return geometry;
  }

  @Override
  protected boolean decode(EventBuffer packet) throws IOException {
    int available = in.fill(2);
    if (available < 2) {
      if (available > 0) {
        throw new EventFormatException(in.file(), in.offset(),
            "expected a 2-byte EVT 3.0 word, found 1 byte before the end of the file (truncated)");
      }
      return false;
    }
    ByteBuffer b = in.buffer();
    int end = b.position() + (available & ~1);
    packet.ensureCapacity(packetEvents + 12);
    long[] ts = packet.timestampsUs();
    int[] xs = packet.xs();
    int[] ys = packet.ys();
    byte[] ps = packet.polarities();
    int n = packet.size();
    int pos = b.position();
    byte[] bytes = b.array();
    // Decoder state in locals for the hot loop, written back in finally (also when a bad word stops it).
    int y = this.y;
    int baseX = this.baseX;
    int vectorPolarity = this.vectorPolarity;
    long timeHigh = this.timeHigh;
    long timeLow = this.timeLow;
    long wrapOffsetUs = this.wrapOffsetUs;
    long orphans = 0;
    long t = (timeHigh << 12 | timeLow) + wrapOffsetUs;
    try {
      for (; pos < end && n < packetEvents; pos += 2) {
        int word = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8; // little-endian 16-bit word
        switch (word >>> 12) {
          case 0x0 -> y = word & 0x7FF;
          case 0x2 -> {
            if (timeHigh < 0) {
              orphans++;
              break;
            }
            ts[n] = t;
            xs[n] = word & 0x7FF;
            ys[n] = y;
            ps[n] = (byte) ((word >>> 11) & 1);
            n++;
          }
          case 0x3 -> {
            baseX = word & 0x7FF;
            vectorPolarity = (word >>> 11) & 1;
          }
          case 0x4, 0x5 -> {
            int bits = (word >>> 12) == 0x4 ? 12 : 8;
            int mask = word & ((1 << bits) - 1);
            if (timeHigh < 0) {
              orphans += Integer.bitCount(mask);
            } else {
              while (mask != 0) {
                ts[n] = t;
                xs[n] = baseX + Integer.numberOfTrailingZeros(mask);
                ys[n] = y;
                ps[n] = (byte) vectorPolarity;
                n++;
                mask &= mask - 1;
              }
            }
            baseX += bits;
          }
          case 0x6 -> {
            timeLow = word & 0xFFF;
            t = (Math.max(timeHigh, 0) << 12 | timeLow) + wrapOffsetUs;
          }
          case 0x8 -> {
            long high = word & 0xFFF;
            if (timeHigh >= 0 && high < timeHigh) {
              wrapOffsetUs += WRAP_US;
            }
            timeHigh = high;
            t = (timeHigh << 12 | timeLow) + wrapOffsetUs;
          }
          case 0xA -> triggers++;
          case 0x7, 0xE, 0xF -> others++;
          default -> throw new EventFormatException(in.file(), in.offsetOf(pos), String.format(
              "expected an EVT 3.0 word of type 0x0, 0x2-0x8, 0xA, 0xE or 0xF, found type 0x%X (word 0x%04X)",
              word >>> 12, word));
        }
      }
    } finally {
      b.position(pos);
      packet.setSize(n);
      this.y = y;
      this.baseX = baseX;
      this.vectorPolarity = vectorPolarity;
      this.timeHigh = timeHigh;
      this.timeLow = timeLow;
      this.wrapOffsetUs = wrapOffsetUs;
      this.orphans += orphans;
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
