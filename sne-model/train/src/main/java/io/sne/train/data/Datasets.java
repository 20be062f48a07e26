package io.sne.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loaders for the image datasets training supports, by name. */
public final class Datasets {
  public static final Path FASHION_MNIST_DEFAULT = Path.of("/usr/share/datasets/fashion-mnist");
  public static final List<String> FASHION_LABELS = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  public static final List<String> DIGIT_LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private Datasets() {}

  /** A train/test pair. */
  public record Split(LabelledImages train, LabelledImages test) {}

  public static Split fashionMnist(Path dir) throws IOException {
    Path d = dir == null ? FASHION_MNIST_DEFAULT : dir;
    if (!Files.isDirectory(d) || findIdx(d, "train-images-idx3-ubyte") == null) {
      throw new IOException("Fashion-MNIST not found in " + d + " (expected train-images-idx3-ubyte[.gz] etc.). "
          + "Install it with: apt-get install -y dataset-fashion-mnist  (or set dataset.path)");
    }
    return idx(d, FASHION_LABELS);
  }

  public static Split mnist(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir) || findIdx(dir, "train-images-idx3-ubyte") == null) {
      throw new IOException("MNIST not found in " + dir + " (expected train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
          + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]); set dataset.path");
    }
    return idx(dir, DIGIT_LABELS);
  }

  private static Split idx(Path dir, List<String> names) throws IOException {
    return new Split(idxPart(dir, "train", names), idxPart(dir, "t10k", names));
  }

  private static LabelledImages idxPart(Path dir, String prefix, List<String> names) throws IOException {
    Path images = require(dir, prefix + "-images-idx3-ubyte");
    Path labels = require(dir, prefix + "-labels-idx1-ubyte");
    int[] dims = new int[3];
    float[] px = IdxReader.images(images, dims);
    int[] lb = IdxReader.labels(labels);
    if (lb.length != dims[0]) throw new IOException(labels + ": " + lb.length + " labels but " + images + " has " + dims[0] + " images");
    return new LabelledImages(px, lb, 1, dims[1], dims[2], names);
  }

  private static Path require(Path dir, String base) throws IOException {
    Path p = findIdx(dir, base);
    if (p == null) throw new IOException("missing " + dir.resolve(base) + "[.gz]");
    return p;
  }

  private static Path findIdx(Path dir, String base) {
    for (String name : new String[] {base, base + ".gz"}) {
      if (Files.isRegularFile(dir.resolve(name))) return dir.resolve(name);
    }
    return null;
  }
}
