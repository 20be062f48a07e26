package io.sne.events.format;

import java.io.IOException;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Decodes an LZ4 frame (lz4 frame format 1.6) straight into a reusable array when its blocks are
 * independent or there is only one, avoiding the frame stream's per-frame block buffers (4 MB per
 * AEDAT packet with DV's defaults). Checksums are skipped, not verified: the packet framing of
 * AEDAT 4.0 already bounds every read, and the block decoder is bounds-checked.
 */
final class Lz4Frames {
  private static final int MAGIC = 0x184D2204;
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();

  private Lz4Frames() {}

  /** Decoded length, or -1 if this frame needs the general stream decoder (linked blocks). */
  static int decodeIndependentBlocks(byte[] data, int length, byte[][] target) throws IOException {
    if (length < 7 || le32(data, 0) != MAGIC) {
      throw new IOException("expected the LZ4 frame magic 0x184D2204");
    }
    int flags = data[4] & 0xFF;
    int blockMaxCode = (data[5] >>> 4) & 0x7;
    boolean independent = (flags & 0x20) != 0;
    boolean blockChecksum = (flags & 0x10) != 0;
    boolean contentSize = (flags & 0x08) != 0;
    boolean dictionary = (flags & 0x01) != 0;
    if (dictionary || blockMaxCode < 4) {
      return -1;
    }
    int blockMax = 1 << (8 + 2 * blockMaxCode);
    int pos = 6 + (contentSize ? 8 : 0) + (dictionary ? 4 : 0) + 1;
    int out = 0;
    int blocks = 0;
    while (true) {
      if (pos + 4 > length) {
        throw new IOException("LZ4 frame ends inside a block header");
      }
      int header = le32(data, pos);
      pos += 4;
      if (header == 0) {
        return out;
      }
      if (!independent && ++blocks > 1) {
        return -1;
      }
      int size = header & 0x7FFFFFFF;
      if (size > length - pos) {
        throw new IOException("LZ4 block of " + size + " bytes runs past the frame");
      }
      Aedat4Compression.ensure(target, out + blockMax);
      if ((header & 0x80000000) != 0) {
        System.arraycopy(data, pos, target[0], out, size);
        out += size;
      } else {
        try {
          out += DECOMPRESSOR.decompress(data, pos, size, target[0], out, blockMax);
        } catch (LZ4Exception e) {
          throw new IOException("corrupt LZ4 block: " + e.getMessage());
        }
      }
      pos += size + (blockChecksum ? 4 : 0);
    }
  }

  private static int le32(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
  }
}
