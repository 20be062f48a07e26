package io.sne.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 binary version: records of 1 label byte + 3072 pixel bytes (R, G, B planes of 32x32),
 * in data_batch_1..5.bin (train) and test_batch.bin (test).
 */
public final class Cifar10Binary {
  public static final List<String> LABELS = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  private static final int RECORD = 1 + 3 * 32 * 32;

  private Cifar10Binary() {}

  public static Datasets.Split load(Path dir) throws IOException {
    if (dir == null || !Files.isRegularFile(dir.resolve("test_batch.bin"))) {
      throw new IOException("CIFAR-10 binary not found in " + dir + " (expected data_batch_1.bin..data_batch_5.bin and test_batch.bin); set dataset.path");
    }
    List<Path> train = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      Path p = dir.resolve("data_batch_" + i + ".bin");
      if (Files.isRegularFile(p)) train.add(p);
    }
    if (train.isEmpty()) throw new IOException("no data_batch_N.bin in " + dir);
    return new Datasets.Split(read(train), read(List.of(dir.resolve("test_batch.bin"))));
  }

  static LabelledImages read(List<Path> files) throws IOException {
    List<byte[]> parts = new ArrayList<>();
    int n = 0;
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      if (b.length == 0 || b.length % RECORD != 0) {
        throw new IOException(f + ": size " + b.length + " is not a multiple of the " + RECORD + "-byte CIFAR-10 record (truncated at offset "
            + (b.length / RECORD) * RECORD + ")");
      }
      parts.add(b);
      n += b.length / RECORD;
    }
    float[] px = new float[n * 3072];
    int[] lb = new int[n];
    int r = 0;
    for (int p = 0; p < parts.size(); p++) {
      byte[] b = parts.get(p);
      for (int off = 0; off < b.length; off += RECORD, r++) {
        int label = b[off] & 0xff;
        if (label > 9) throw new IOException(files.get(p) + ": label " + label + " at offset " + off + ", expected 0..9");
        lb[r] = label;
        for (int i = 0; i < 3072; i++) px[r * 3072 + i] = (b[off + 1 + i] & 0xff) / 255f;
      }
    }
    return new LabelledImages(px, lb, 3, 32, 32, LABELS);
  }
}
