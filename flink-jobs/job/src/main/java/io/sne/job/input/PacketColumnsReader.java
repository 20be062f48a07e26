package io.sne.job.input;

import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

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
      BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, HEADER.length, value.length - HEADER.length, null);
      int bytes = value.length - HEADER.length; // no column can hold more entries than there are bytes
      StreamPacket p = new StreamPacket();
      p.streamId = in.readString();
      p.sequence = in.readLong();
      p.width = in.readInt();
      p.height = in.readInt();
      p.timestampsUs = readLongs(in, bytes);
      p.xs = readInts(in, bytes);
      p.ys = readInts(in, bytes);
      ByteBuffer polarities = in.readBytes(null);
      p.polarities = new byte[polarities.remaining()];
      polarities.get(p.polarities);
      int clock = in.readEnum();
      if (clock < 0 || clock >= CLOCKS.length) {
        return null;
      }
      p.clock = CLOCKS[clock].name();
      p.label = switch (in.readIndex()) {
        case 0 -> null;
        case 1 -> in.readInt();
        default -> throw new IOException("bad union index");
      };
      p.source = switch (in.readIndex()) {
        case 0 -> null;
        case 1 -> in.readString();
        default -> throw new IOException("bad union index");
      };
      p.endOfStream = in.readBoolean();
      p.sliceEndUs = switch (in.readIndex()) {
        case 0 -> null;
        case 1 -> in.readLong();
        default -> throw new IOException("bad union index");
      };
      return in.isEnd() ? p : null;
    } catch (IOException | RuntimeException e) {
      return null; // Avro's reader decodes it again and reports the problem
    }
  }

  private static long[] readLongs(BinaryDecoder in, int maxEntries) throws IOException {
    long[][] out = {new long[0]};
    readArray(in, maxEntries, length -> out[0] = Arrays.copyOf(out[0], length), i -> out[0][i] = in.readLong());
    return out[0];
  }

  private static int[] readInts(BinaryDecoder in, int maxEntries) throws IOException {
    int[][] out = {new int[0]};
    readArray(in, maxEntries, length -> out[0] = Arrays.copyOf(out[0], length), i -> out[0][i] = in.readInt());
    return out[0];
  }

  /** Reads one entry of an array into slot {@code i}. */
  private interface EntryReader {
    void read(int i) throws IOException;
  }

  /**
   * Walks an Avro array's blocks: {@code resize} gets the length after each block's count is known,
   * then {@code entry} reads that block's entries. A count beyond what the bytes can hold is refused.
   */
  private static void readArray(BinaryDecoder in, int maxEntries, IntConsumer resize, EntryReader entry)
      throws IOException {
    int n = 0;
    for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
      if (block < 0 || n + block > maxEntries) {
        throw new IOException("array longer than the record");
      }
      resize.accept(n + (int) block);
      for (int i = 0; i < block; i++) {
        entry.read(n++);
      }
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
