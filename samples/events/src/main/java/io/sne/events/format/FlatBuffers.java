package io.sne.events.format;

import java.nio.ByteBuffer;

/**
 * Just enough of the FlatBuffers wire format to read AEDAT 4.0 tables by hand: little-endian
 * buffers where a table starts with a signed offset back to its vtable (u16 vtable size, u16
 * table size, then one u16 field offset per field, 0 = absent) and reference fields hold unsigned
 * offsets forward from their own position. Every access is bounds-checked so a corrupt packet is
 * reported, never read past.
 */
final class FlatBuffers {
  /** Thrown for an offset outside the buffer; the caller adds file and byte offset. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  private FlatBuffers() {}

  static int u32(ByteBuffer b, int pos) throws Malformed {
    check(b, pos, 4);
    return b.getInt(pos);
  }

  /** Position of the table referenced by the unsigned offset stored at {@code pos}. */
  static int deref(ByteBuffer b, int pos) throws Malformed {
    long target = (long) pos + (u32(b, pos) & 0xFFFFFFFFL);
    if (target >= b.limit()) {
      throw new Malformed("offset at " + pos + " points past the end (" + target + " >= " + b.limit() + ")");
    }
    return (int) target;
  }

  /** Absolute position of field {@code index} of the table at {@code table}, or -1 if absent. */
  static int field(ByteBuffer b, int table, int index) throws Malformed {
    int vtable = table - u32(b, table);
    check(b, vtable, 4);
    int vtableSize = b.getShort(vtable) & 0xFFFF;
    int entry = 4 + 2 * index;
    if (entry + 2 > vtableSize) {
      return -1;
    }
    check(b, vtable + entry, 2);
    int offset = b.getShort(vtable + entry) & 0xFFFF;
    return offset == 0 ? -1 : table + offset;
  }

  static String string(ByteBuffer b, int pos) throws Malformed {
    int start = deref(b, pos);
    int length = u32(b, start);
    check(b, start + 4, length);
    byte[] bytes = new byte[length];
    b.get(start + 4, bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  static void check(ByteBuffer b, int pos, long length) throws Malformed {
    if (pos < 0 || length < 0 || pos + length > b.limit()) {
      throw new Malformed("needs bytes " + pos + ".." + (pos + length) + " of a " + b.limit() + "-byte buffer");
    }
  }
}
