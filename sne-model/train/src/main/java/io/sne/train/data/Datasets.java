package io.sne.train.data;

import io.sne.events.datasets.Cifar10Dataset;
import io.sne.events.datasets.IdxDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The image datasets training supports, by name, as {@link LabelledImages}. Parsing is sne-events'
 * (IdxDataset, Cifar10Dataset, shared with the emulator); this class adds training's defaults and
 * messages.
 */
public final class Datasets {
  public static final Path FASHION_MNIST_DEFAULT = Path.of("/usr/share/datasets/fashion-mnist");
  public static final List<String> FASHION_LABELS = IdxDataset.FASHION_MNIST_CLASSES;
  public static final List<String> DIGIT_LABELS = IdxDataset.MNIST_CLASSES;

  private Datasets() {}

  /** A train/test pair. */
  public record Split(LabelledImages train, LabelledImages test) {}

  public static Split fashionMnist(Path dir) throws IOException {
    Path d = dir == null ? FASHION_MNIST_DEFAULT : dir;
    if (!Files.isDirectory(d) || findIdx(d, "train-images-idx3-ubyte") == null) {
      throw new IOException("Fashion-MNIST not found in " + d + " (expected train-images-idx3-ubyte[.gz] etc.). "
          + "Install it with: apt-get install -y dataset-fashion-mnist  (or set dataset.path)");
    }
    return idx(d, "fashion-mnist", FASHION_LABELS);
  }

  public static Split mnist(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir) || findIdx(dir, "train-images-idx3-ubyte") == null) {
      throw new IOException("MNIST not found in " + dir + " (expected train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
          + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]); set dataset.path");
    }
    return idx(dir, "mnist", DIGIT_LABELS);
  }

  /** CIFAR-10 binary version (data_batch_1..5.bin, test_batch.bin) in colour: 3 x 32 x 32. */
  public static Split cifar10(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException("CIFAR-10 binary not found in " + dir + " (expected data_batch_1.bin..data_batch_5.bin and test_batch.bin); set dataset.path");
    }
    return new Split(colour(Cifar10Dataset.load(dir, "train")), colour(Cifar10Dataset.load(dir, "test")));
  }

  private static LabelledImages colour(Cifar10Dataset d) {
    int size = 3 * d.height() * d.width();
    float[] px = new float[d.size() * size];
    int[] lb = new int[d.size()];
    for (int i = 0; i < d.size(); i++) {
      System.arraycopy(d.rgb(i), 0, px, i * size, size);
      lb[i] = d.label(i);
    }
    return new LabelledImages(px, lb, 3, d.height(), d.width(), d.classNames());
  }

  private static Split idx(Path dir, String name, List<String> names) throws IOException {
    return new Split(grey(IdxDataset.load(dir, "train", name, names)), grey(IdxDataset.load(dir, "test", name, names)));
  }

  private static LabelledImages grey(IdxDataset d) {
    int size = d.height() * d.width();
    float[] px = new float[d.size() * size];
    int[] lb = new int[d.size()];
    for (int i = 0; i < d.size(); i++) {
      System.arraycopy(d.image(i), 0, px, i * size, size);
      lb[i] = d.label(i);
    }
    return new LabelledImages(px, lb, 1, d.height(), d.width(), d.classNames());
  }

  private static Path findIdx(Path dir, String base) {
    for (String name : new String[] {base, base + ".gz"}) {
      if (Files.isRegularFile(dir.resolve(name))) return dir.resolve(name);
    }
    return null;
  }
}
