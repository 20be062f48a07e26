package io.sne.job.input;

import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.SchemaNormalization;

/**
 * Reads an {@link EventPacket} written with the current schema straight into a {@link StreamPacket}'s
 * primitive columns. Avro's generated reader boxes every timestamp and coordinate into a list
 * (three objects per event), which made the source the job's largest producer of garbage. Anything
 * else (an older schema, an unknown one, bytes that do not read cleanly) is left to Avro's
 * reader, which knows schema evolution and names what is wrong: {@link #read} returns null then.
 */
final class PacketColumnsReader {
  private static final byte[] HEADER = header();
  private static final TimestampClock[] CLOCKS = TimestampClock.values();

  private PacketColumnsReader() {}

  /** The packet, or null when {@code value} is not a clean single-object encoding with the current schema. */
  static StreamPacket read(byte[] value) {
    if (value == null || value.length < HEADER.length
        || !Arrays.equals(value, 0, HEADER.length, HEADER, 0, HEADER.length)) {
      return null;
    }
    try {
      AvroCursor in = new AvroCursor(value, HEADER.length, value.length);
      StreamPacket p = new StreamPacket();
      p.streamId = in.readString();
      p.sequence = in.readLong();
      p.width = in.readInt();
      p.height = in.readInt();
      p.timestampsUs = in.readLongArray();
      p.xs = in.readIntArray();
      p.ys = in.readIntArray();
      p.polarities = in.readBytes();
      int clock = in.readInt();
      if (clock < 0 || clock >= CLOCKS.length) {
        return null;
      }
      p.clock = CLOCKS[clock].name();
      p.label = switch (in.readInt()) {
        case 0 -> null;
        case 1 -> in.readInt();
        default -> throw new IOException("bad union index");
      };
      p.source = switch (in.readInt()) {
        case 0 -> null;
        case 1 -> in.readString();
        default -> throw new IOException("bad union index");
      };
      p.endOfStream = in.readBoolean();
      p.sliceEndUs = switch (in.readInt()) {
        case 0 -> null;
        case 1 -> in.readLong();
        default -> throw new IOException("bad union index");
      };
      return in.atEnd() ? p : null;
    } catch (IOException | RuntimeException e) {
      return null; // Avro's reader decodes it again and reports the problem
    }
  }

  /** Avro single-object encoding: 0xC3 0x01, then the schema's CRC-64-AVRO fingerprint, little-endian. */
  private static byte[] header() {
    long fingerprint = SchemaNormalization.parsingFingerprint64(EventPacket.getClassSchema());
    ByteBuffer b = ByteBuffer.allocate(10).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0xC3).put((byte) 0x01).putLong(fingerprint);
    return b.array();
  }
}
