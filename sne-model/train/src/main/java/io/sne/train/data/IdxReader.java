package io.sne.train.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads IDX files (MNIST, Fashion-MNIST), gzip-compressed or raw, with errors naming the file. */
public final class IdxReader {
  private static final int UBYTE = 0x08;

  private IdxReader() {}

  /** Images as floats in [0,1]; dims[0] = count, dims[1..] = rows, cols. */
  public static float[] images(Path file, int[] dimsOut) throws IOException {
    try (DataInputStream in = open(file)) {
      int[] dims = header(in, file, 3);
      System.arraycopy(dims, 0, dimsOut, 0, 3);
      byte[] raw = readFully(in, file, (long) dims[0] * dims[1] * dims[2]);
      float[] out = new float[raw.length];
      for (int i = 0; i < raw.length; i++) out[i] = (raw[i] & 0xff) / 255f;
      return out;
    }
  }

  public static int[] labels(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      int[] dims = header(in, file, 1);
      byte[] raw = readFully(in, file, dims[0]);
      int[] out = new int[raw.length];
      for (int i = 0; i < raw.length; i++) out[i] = raw[i] & 0xff;
      return out;
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) in = new GZIPInputStream(in, 1 << 16);
    return new DataInputStream(in);
  }

  private static int[] header(DataInputStream in, Path file, int expectedDims) throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new IOException(file + ": empty file, expected an IDX header");
    }
    int type = (magic >> 8) & 0xff;
    int ndims = magic & 0xff;
    if ((magic >>> 16) != 0 || type != UBYTE || ndims != expectedDims) {
      throw new IOException(String.format("%s: IDX magic 0x%08x at offset 0; expected unsigned-byte data with %d dimension(s) (0x%08x)",
          file, magic, expectedDims, (UBYTE << 8) | expectedDims));
    }
    int[] dims = new int[ndims];
    for (int i = 0; i < ndims; i++) dims[i] = in.readInt();
    return dims;
  }

  private static byte[] readFully(DataInputStream in, Path file, long n) throws IOException {
    byte[] raw = new byte[Math.toIntExact(n)];
    int got = in.readNBytes(raw, 0, raw.length);
    if (got != raw.length) throw new IOException(file + ": truncated, header promises " + n + " data bytes, found " + got);
    return raw;
  }
}
