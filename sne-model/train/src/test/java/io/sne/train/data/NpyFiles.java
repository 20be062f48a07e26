package io.sne.train.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes .npy files the way numpy.save does (format 1.0, header padded to 64 bytes), with a chosen header for error tests. */
public final class NpyFiles {
  private NpyFiles() {}

  public static Path writeFloat32(Path file, int rows, int cols, float[] values) throws IOException {
    return write(file, "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }", values);
  }

  /** The given header dict, then the values as little-endian float32. */
  public static Path write(Path file, String dict, float[] values) throws IOException {
    int unpadded = 10 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    for (float v : values) b.putFloat(v);
    Files.write(file, b.array());
    return file;
  }
}
