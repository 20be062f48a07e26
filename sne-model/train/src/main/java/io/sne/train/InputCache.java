package io.sne.train;

import io.sne.train.data.LabelledImages;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Keeps encoded student inputs in the work directory: emulating DVS recordings is the slowest
 * step of an event model (about 0.1 s per image here), and a resumed run must not redo it. The key
 * covers the encoder's input spec, the seed and the exact images (a content hash), so a changed
 * config never reads stale frames. Direct inputs are the images themselves and are not cached.
 */
final class InputCache {
  private final Path dir;
  private final InputEncoder encoder;

  InputCache(Path dir, InputEncoder encoder) {
    this.dir = dir;
    this.encoder = encoder;
  }

  StudentInputs get(String split, LabelledImages images, long seed) throws IOException {
    if (!encoder.cacheable()) return encoder.encode(images, seed);
    long key = 17;
    key = key * 31 + encoder.inputSpec().toString().hashCode();
    if (!encoder.cacheTag().isEmpty()) key = key * 31 + encoder.cacheTag().hashCode(); // keeps the keys of unfiltered runs
    key = key * 31 + seed;
    key = key * 31 + Arrays.hashCode(images.pixels());
    key = key * 31 + Arrays.hashCode(images.labels());
    Path file = dir.resolve("inputs-" + split + "-" + Long.toHexString(key) + ".bin");
    if (Files.isRegularFile(file)) return read(file, images.labels());
    StudentInputs in = encoder.encode(images, seed);
    write(file, in);
    return in;
  }

  /** Frames hold small event counts: stored as unsigned 16-bit (a count above 65535 is an error, not a clamp). */
  private static void write(Path file, StudentInputs in) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      out.writeInt(in.size());
      out.writeInt(in.rowSize());
      for (float v : in.rows()) {
        if (v < 0 || v > 65535 || v != Math.rint(v)) throw new IOException("input value " + v + " is not a 16-bit count; cannot cache");
        out.writeShort((int) v);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static StudentInputs read(Path file, int[] labels) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      int n = in.readInt();
      int rowSize = in.readInt();
      if (n != labels.length) throw new IOException(file + ": cached " + n + " samples, expected " + labels.length);
      float[] rows = new float[n * rowSize];
      for (int i = 0; i < rows.length; i++) rows[i] = in.readUnsignedShort();
      return new StudentInputs(rows, rowSize, labels);
    } catch (java.io.EOFException e) {
      throw new IOException(file + ": truncated input cache (delete it to re-encode)", e);
    }
  }
}
