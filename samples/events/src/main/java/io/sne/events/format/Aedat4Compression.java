package io.sne.events.format;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
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
    return switch (this) {
      case NONE -> Arrays.copyOf(data, length);
      case LZ4, LZ4_HIGH -> {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(length / 2 + 64);
        // One 4 MB block holds any packet: one block per frame, with its size in the header.
        try (OutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB,
            length, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE)) {
          out.write(data, 0, length);
        }
        yield bytes.toByteArray();
      }
      default -> Zstd.compress(Arrays.copyOf(data, length), this == ZSTD_HIGH ? 15 : 3);
    };
  }

  /** Decompresses {@code data[0, length)} into {@code target}, growing it; returns the decoded length. */
  int decompress(byte[] data, int length, byte[][] target) throws IOException {
    switch (this) {
      case NONE -> {
        ensure(target, length);
        System.arraycopy(data, 0, target[0], 0, length);
        return length;
      }
      case LZ4, LZ4_HIGH -> {
        int decoded = Lz4Frames.decodeIndependentBlocks(data, length, target);
        if (decoded >= 0) {
          return decoded;
        }
      }
      default -> {
        long size = Zstd.getFrameContentSize(data, 0, length);
        if (size >= 0 && size <= Integer.MAX_VALUE && Zstd.findFrameCompressedSize(data, 0, length) == length) {
          ensure(target, (int) size);
          long n = Zstd.decompressByteArray(target[0], 0, (int) size, data, 0, length);
          if (Zstd.isError(n)) {
            throw new IOException("Zstd: " + Zstd.getErrorName(n));
          }
          return (int) n;
        }
      }
    }
    // Frames the fast paths do not cover (linked LZ4 blocks, Zstd without content size, several frames).
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

  static void ensure(byte[][] target, int capacity) {
    if (target[0].length < capacity) {
      target[0] = Arrays.copyOf(target[0], Math.max(capacity, target[0].length * 2));
    }
  }
}
