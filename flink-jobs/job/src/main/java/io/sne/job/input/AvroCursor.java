package io.sne.job.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Avro's binary encoding read straight off a byte array: zig-zag varints, length-prefixed strings
 * and bytes, blocked arrays. Avro's {@code BinaryDecoder} does the same through a call per value
 * with its own buffering, most of the columnar reader's time on a packet's three number columns.
 * Malformed input throws (an {@link IOException}, or an index out of bounds at the end of the
 * bytes); the caller then leaves the record to Avro's reader, which names the problem.
 */
final class AvroCursor {
  private final byte[] buf;
  private final int end;
  private int pos;

  AvroCursor(byte[] buf, int offset, int end) {
    this.buf = buf;
    this.pos = offset;
    this.end = end;
  }

  boolean atEnd() {
    return pos == end;
  }

  int remaining() {
    return end - pos;
  }

  long readLong() throws IOException {
    long raw = 0;
    for (int shift = 0; ; shift += 7) {
      int b = next();
      raw |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        break;
      }
      if (shift >= 63) {
        throw new IOException("invalid long encoding");
      }
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  int readInt() throws IOException {
    int raw = 0;
    for (int shift = 0; ; shift += 7) {
      int b = next();
      raw |= (b & 0x7f) << shift;
      if (b < 0x80) {
        break;
      }
      if (shift >= 28) {
        throw new IOException("invalid int encoding");
      }
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  boolean readBoolean() throws IOException {
    int b = next();
    if (b > 1) {
      throw new IOException("invalid boolean " + b);
    }
    return b == 1;
  }

  String readString() throws IOException {
    int n = length();
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  byte[] readBytes() throws IOException {
    int n = length();
    byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return b;
  }

  long[] readLongArray() throws IOException {
    long[] out = new long[0];
    int n = 0;
    for (long block = blockCount(); block != 0; block = blockCount()) {
      out = Arrays.copyOf(out, grow(n, block));
      for (long i = 0; i < block; i++) {
        out[n++] = readLong();
      }
    }
    return out;
  }

  int[] readIntArray() throws IOException {
    int[] out = new int[0];
    int n = 0;
    for (long block = blockCount(); block != 0; block = blockCount()) {
      out = Arrays.copyOf(out, grow(n, block));
      for (long i = 0; i < block; i++) {
        out[n++] = readInt();
      }
    }
    return out;
  }

  /** The next block's entry count; a negative count is followed by the block's size in bytes (skipped). */
  private long blockCount() throws IOException {
    long count = readLong();
    if (count < 0) {
      readLong();
      count = -count;
    }
    return count;
  }

  /** The length after a block of {@code block} more entries; every entry takes at least a byte. */
  private int grow(int n, long block) throws IOException {
    if (block < 0 || block > remaining()) {
      throw new IOException("array longer than the record");
    }
    return n + (int) block;
  }

  private int length() throws IOException {
    long n = readLong();
    if (n < 0 || n > remaining()) {
      throw new IOException("length " + n + " beyond the record");
    }
    return (int) n;
  }

  private int next() {
    if (pos >= end) {
      throw new ArrayIndexOutOfBoundsException("record ends early");
    }
    return buf[pos++] & 0xff;
  }
}
