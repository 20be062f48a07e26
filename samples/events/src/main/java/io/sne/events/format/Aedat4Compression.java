package io.sne.events.format;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

/** AEDAT 4.0 packet compression (IOHeader.compression): LZ4 and Zstd frames, or none. */
public enum Aedat4Compression {
  NONE(0),
  LZ4(1),
  LZ4_HIGH(2),
  ZSTD(3),
  ZSTD_HIGH(4);

  private final int code;

  Aedat4Compression(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  static Aedat4Compression fromCode(int code) {
    for (Aedat4Compression c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return null;
  }

  byte[] compress(byte[] data, int length) throws IOException {
    if (this == NONE) {
      return java.util.Arrays.copyOf(data, length);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(length / 2 + 64);
    try (OutputStream out = switch (this) {
      case LZ4, LZ4_HIGH -> new LZ4FrameOutputStream(bytes);
      default -> new ZstdOutputStream(bytes, this == ZSTD_HIGH ? 15 : 3);
    }) {
      out.write(data, 0, length);
    }
    return bytes.toByteArray();
  }

  /** Decompresses {@code data[0, length)} into {@code target}, growing it; returns the decoded length. */
  int decompress(byte[] data, int length, byte[][] target) throws IOException {
    if (this == NONE) {
      ensure(target, length);
      System.arraycopy(data, 0, target[0], 0, length);
      return length;
    }
    ByteArrayInputStream raw = new ByteArrayInputStream(data, 0, length);
    try (InputStream in = this == LZ4 || this == LZ4_HIGH ? new LZ4FrameInputStream(raw) : new ZstdInputStream(raw)) {
      int total = 0;
      while (true) {
        ensure(target, total + 65536);
        int n = in.read(target[0], total, target[0].length - total);
        if (n < 0) {
          return total;
        }
        total += n;
      }
    }
  }

  private static void ensure(byte[][] target, int capacity) {
    if (target[0].length < capacity) {
      target[0] = java.util.Arrays.copyOf(target[0], Math.max(capacity, target[0].length * 2));
    }
  }
}
