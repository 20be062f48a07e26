package io.sne.train.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 2-D float32 matrix [rows, cols] read from a NumPy .npy file (format versions 1-3), the way an
 * imported teacher's features arrive. Only what numpy.save writes for a C-ordered float32 array
 * is accepted ('<f4', fortran_order False, a 2-tuple shape); anything else is an error naming the
 * file and what was expected. DJL can decode .npy too, but only into native NDArrays and without
 * saying which file or field is wrong; the format is small enough to read here.
 */
public record NpyFloatMatrix(int rows, int cols, float[] values) {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  public float get(int row, int col) {
    return values[row * cols + col];
  }

  public static NpyFloatMatrix read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException(file + ": .npy file not found");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer pre = readFully(ch, 10, file, "the 10-byte .npy preamble");
      for (int i = 0; i < MAGIC.length; i++) {
        if (pre.get(i) != MAGIC[i]) throw new IOException(file + ": not a .npy file (offset 0 should hold \\x93NUMPY)");
      }
      int major = pre.get(6) & 0xff;
      long headerLen;
      long headerStart;
      if (major == 1) {
        headerLen = pre.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
        headerStart = 10;
      } else if (major == 2 || major == 3) {
        ByteBuffer len = readFully(ch.position(8), 4, file, "the header length");
        headerLen = len.order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xffffffffL;
        headerStart = 12;
      } else {
        throw new IOException(file + ": .npy format version " + major + " (expected 1, 2 or 3)");
      }
      if (headerLen > (1 << 20)) throw new IOException(file + ": .npy header length " + headerLen + " is implausible (corrupt file?)");
      ByteBuffer hb = readFully(ch.position(headerStart), (int) headerLen, file, "the header");
      String header = StandardCharsets.UTF_8.decode(hb).toString();
      String descr = field(DESCR, header, "descr", file);
      if (!descr.equals("<f4")) {
        throw new IOException(file + ": dtype '" + descr + "', expected '<f4' (little-endian float32); save with array.astype(numpy.float32)");
      }
      if (field(FORTRAN, header, "fortran_order", file).equals("True")) {
        throw new IOException(file + ": fortran_order is True, expected C order; save numpy.ascontiguousarray(array)");
      }
      String[] dims = field(SHAPE, header, "shape", file).split(",");
      long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
      if (shape.length != 2) {
        throw new IOException(file + ": shape (" + String.join(",", dims) + ") has " + shape.length + " dimensions, expected 2: [samples, feature dims]");
      }
      long count = shape[0] * shape[1];
      if (count > Integer.MAX_VALUE - 8) throw new IOException(file + ": " + shape[0] + " x " + shape[1] + " values do not fit one Java array");
      long dataStart = headerStart + headerLen;
      long expected = dataStart + 4 * count;
      if (ch.size() != expected) {
        throw new IOException(file + ": " + ch.size() + " bytes, but a header of shape [" + shape[0] + ", " + shape[1] + "] float32 needs exactly "
            + expected + (ch.size() < expected ? " (truncated)" : " (trailing bytes)"));
      }
      float[] values = new float[(int) count];
      ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      ch.position(dataStart);
      int at = 0;
      while (at < values.length) {
        buf.clear().limit((int) Math.min(buf.capacity(), 4L * (values.length - at)));
        while (buf.hasRemaining()) if (ch.read(buf) < 0) throw new EOFException(file + ": truncated at value " + at);
        buf.flip();
        while (buf.hasRemaining()) values[at++] = buf.getFloat();
      }
      return new NpyFloatMatrix((int) shape[0], (int) shape[1], values);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": shape in the .npy header is not a tuple of integers: " + e.getMessage(), e);
    }
  }

  private static ByteBuffer readFully(FileChannel ch, int n, Path file, String what) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) throw new IOException(file + ": truncated: the file ends inside " + what);
    }
    return b.flip();
  }

  private static String field(Pattern p, String header, String name, Path file) throws IOException {
    Matcher m = p.matcher(header);
    if (!m.find()) throw new IOException(file + ": the .npy header has no '" + name + "' (header: " + header.trim() + ")");
    return m.group(1);
  }
}
