package io.sne.events.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * MNIST / Fashion-MNIST in IDX format (big-endian header: magic 0x00000803 for images with count,
 * rows, columns; 0x00000801 for labels with count; then one unsigned byte per value). Gzipped
 * files (as distributed) are read transparently.
 */
public final class IdxDataset implements ImageDataset {
  public static final List<String> FASHION_MNIST_CLASSES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  private final String name;
  private final byte[] pixels;
  private final byte[] labels;
  private final int rows;
  private final int columns;
  private final List<String> classNames;

  private IdxDataset(String name, byte[] pixels, byte[] labels, int rows, int columns, List<String> classNames) {
    this.name = name;
    this.pixels = pixels;
    this.labels = labels;
    this.rows = rows;
    this.columns = columns;
    this.classNames = classNames;
  }

  /**
   * Loads a split from a directory holding {@code train-images-idx3-ubyte[.gz]},
   * {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-images-idx3-ubyte[.gz]} and
   * {@code t10k-labels-idx1-ubyte[.gz]}.
   */
  public static IdxDataset load(Path directory, String split, String datasetName, List<String> classNames)
      throws IOException {
    String prefix = switch (split) {
      case "train" -> "train";
      case "test" -> "t10k";
      default -> throw new IllegalArgumentException("split must be train or test, got '" + split + "'");
    };
    Path images = find(directory, prefix + "-images-idx3-ubyte");
    Path labels = find(directory, prefix + "-labels-idx1-ubyte");
    return load(images, labels, datasetName + "/" + split, classNames);
  }

  public static IdxDataset load(Path imagesFile, Path labelsFile, String name, List<String> classNames)
      throws IOException {
    byte[] pixels;
    int count;
    int rows;
    int columns;
    try (DataInputStream in = open(imagesFile)) {
      expectMagic(in, imagesFile, IMAGES_MAGIC);
      count = in.readInt();
      rows = in.readInt();
      columns = in.readInt();
      pixels = readFully(in, imagesFile, (long) count * rows * columns, 16);
    }
    byte[] labels;
    try (DataInputStream in = open(labelsFile)) {
      expectMagic(in, labelsFile, LABELS_MAGIC);
      int labelCount = in.readInt();
      if (labelCount != count) {
        throw new IOException(labelsFile + " at byte 4: expected " + count + " labels (as many as images in "
            + imagesFile.getFileName() + "), found " + labelCount);
      }
      labels = readFully(in, labelsFile, count, 8);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IOException(labelsFile + " at byte " + (8 + i) + ": expected a label in [0, "
            + classNames.size() + "), found " + labels[i]);
      }
    }
    return new IdxDataset(name, pixels, labels, rows, columns, classNames);
  }

  private static Path find(Path directory, String baseName) throws IOException {
    for (String candidate : new String[] {baseName + ".gz", baseName, baseName.replace("-idx", ".idx")}) {
      Path p = directory.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IOException("no " + baseName + "[.gz] in " + directory);
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
  }

  private static void expectMagic(DataInputStream in, Path file, int magic) throws IOException {
    int found = in.readInt();
    if (found != magic) {
      throw new IOException(String.format("%s at byte 0: expected IDX magic 0x%08X, found 0x%08X", file, magic, found));
    }
  }

  private static byte[] readFully(DataInputStream in, Path file, long length, long headerBytes) throws IOException {
    byte[] data = new byte[Math.toIntExact(length)];
    int read = 0;
    while (read < data.length) {
      int n = in.read(data, read, data.length - read);
      if (n < 0) {
        throw new EOFException(file + " at byte " + (headerBytes + read) + " (uncompressed): expected "
            + length + " data bytes, the file ends after " + read);
      }
      read += n;
    }
    return data;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int width() {
    return columns;
  }

  @Override
  public int height() {
    return rows;
  }

  @Override
  public int label(int index) {
    return labels[index];
  }

  @Override
  public float[] image(int index) {
    int n = rows * columns;
    float[] image = new float[n];
    int base = index * n;
    for (int i = 0; i < n; i++) {
      image[i] = (pixels[base + i] & 0xFF) / 255f;
    }
    return image;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }
}
