package io.sne.events.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 binary version: records of 1 label byte then 3072 bytes (1024 red, 1024 green, 1024
 * blue, row-major 32x32). Train = data_batch_1..5.bin, test = test_batch.bin. A DVS sees
 * brightness, so {@link #image} reduces colour to luma (ITU-R BT.601 weights); {@link #rgb} keeps the
 * colour planes for training.
 */
public final class Cifar10Dataset implements ImageDataset {
  public static final List<String> CLASSES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  private static final int SIDE = 32;
  private static final int RECORD_BYTES = 1 + 3 * SIDE * SIDE;

  private final String name;
  private final byte[] records;

  private Cifar10Dataset(String name, byte[] records) {
    this.name = name;
    this.records = records;
  }

  /** Loads a split from a directory holding the batches (or its cifar-10-batches-bin child). */
  public static Cifar10Dataset load(Path directory, String split) throws IOException {
    Path dir = Files.isDirectory(directory.resolve("cifar-10-batches-bin"))
        ? directory.resolve("cifar-10-batches-bin") : directory;
    List<Path> files = new ArrayList<>();
    switch (split) {
      case "train" -> {
        for (int b = 1; b <= 5; b++) {
          files.add(dir.resolve("data_batch_" + b + ".bin"));
        }
      }
      case "test" -> files.add(dir.resolve("test_batch.bin"));
      default -> throw new IllegalArgumentException("split must be train or test, got '" + split + "'");
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new IOException("no " + file.getFileName() + " in " + dir + " (CIFAR-10 binary version expected)");
      }
      byte[] data = Files.readAllBytes(file);
      if (data.length % RECORD_BYTES != 0) {
        long complete = data.length / RECORD_BYTES;
        throw new IOException(file + " at byte " + complete * RECORD_BYTES + ": expected a " + RECORD_BYTES
            + "-byte record, the file ends " + (data.length % RECORD_BYTES) + " bytes into it (truncated)");
      }
      for (int offset = 0; offset < data.length; offset += RECORD_BYTES) {
        if ((data[offset] & 0xFF) >= CLASSES.size()) {
          throw new IOException(file + " at byte " + offset + ": expected a label in [0, 10), found " + (data[offset] & 0xFF));
        }
      }
      all.write(data);
    }
    return new Cifar10Dataset("cifar10/" + split, all.toByteArray());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return records.length / RECORD_BYTES;
  }

  @Override
  public int width() {
    return SIDE;
  }

  @Override
  public int height() {
    return SIDE;
  }

  @Override
  public int label(int index) {
    return records[index * RECORD_BYTES];
  }

  @Override
  public float[] image(int index) {
    int plane = SIDE * SIDE;
    int base = index * RECORD_BYTES + 1;
    float[] luma = new float[plane];
    for (int i = 0; i < plane; i++) {
      int r = records[base + i] & 0xFF;
      int g = records[base + plane + i] & 0xFF;
      int b = records[base + 2 * plane + i] & 0xFF;
      luma[i] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
    }
    return luma;
  }

  /** The colour image as training feeds it: red, green, blue planes of row-major 32x32, in [0, 1]. */
  public float[] rgb(int index) {
    int base = index * RECORD_BYTES + 1;
    float[] planes = new float[3 * SIDE * SIDE];
    for (int i = 0; i < planes.length; i++) {
      planes[i] = (records[base + i] & 0xFF) / 255f;
    }
    return planes;
  }

  @Override
  public List<String> classNames() {
    return CLASSES;
  }
}
