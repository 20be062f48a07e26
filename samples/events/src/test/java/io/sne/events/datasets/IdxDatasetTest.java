package io.sne.events.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class IdxDatasetTest {
  @TempDir Path dir;

  /** Writes a 2x3-pixel, n-image IDX pair; pixel value = image * 10 + pixel index. */
  public static void writeIdx(Path dir, String prefix, int n, boolean gzip, int[] labels) throws IOException {
    try (DataOutputStream out = new DataOutputStream(open(dir.resolve(prefix + "-images-idx3-ubyte" + (gzip ? ".gz" : "")), gzip))) {
      out.writeInt(0x00000803);
      out.writeInt(n);
      out.writeInt(2);
      out.writeInt(3);
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < 6; p++) {
          out.writeByte(i * 10 + p);
        }
      }
    }
    try (DataOutputStream out = new DataOutputStream(open(dir.resolve(prefix + "-labels-idx1-ubyte" + (gzip ? ".gz" : "")), gzip))) {
      out.writeInt(0x00000801);
      out.writeInt(labels.length);
      for (int label : labels) {
        out.writeByte(label);
      }
    }
  }

  private static OutputStream open(Path file, boolean gzip) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return gzip ? new GZIPOutputStream(out) : out;
  }

  @Test
  void readsGzippedAndPlainIdxAlike() throws IOException {
    Path gz = Files.createDirectories(dir.resolve("gz"));
    Path plain = Files.createDirectories(dir.resolve("plain"));
    writeIdx(gz, "t10k", 3, true, new int[] {4, 0, 9});
    writeIdx(plain, "t10k", 3, false, new int[] {4, 0, 9});
    for (Path d : List.of(gz, plain)) {
      IdxDataset data = IdxDataset.load(d, "test", "mnist", IdxDataset.MNIST_CLASSES);
      assertThat(data.name()).isEqualTo("mnist/test");
      assertThat(data.size()).isEqualTo(3);
      assertThat(data.width()).isEqualTo(3);
      assertThat(data.height()).isEqualTo(2);
      assertThat(data.label(2)).isEqualTo(9);
      assertThat(data.image(2)).containsExactly(20 / 255f, 21 / 255f, 22 / 255f, 23 / 255f, 24 / 255f, 25 / 255f);
    }
  }

  @Test
  void labelCountMustMatchImageCount() throws IOException {
    writeIdx(dir, "train", 3, false, new int[] {1, 2});
    assertThatThrownBy(() -> IdxDataset.load(dir, "train", "mnist", IdxDataset.MNIST_CLASSES))
        .hasMessageContaining("train-labels-idx1-ubyte at byte 4: expected 3 labels");
  }

  @Test
  void wrongMagicNamesFileAndValue() throws IOException {
    writeIdx(dir, "train", 1, false, new int[] {1});
    Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
    assertThatThrownBy(() -> IdxDataset.load(dir, "train", "mnist", IdxDataset.MNIST_CLASSES))
        .hasMessageContaining("at byte 0: expected IDX magic 0x00000803, found 0x00000801");
  }

  @Test
  void readsTheInstalledFashionMnistWhenPresent() throws IOException {
    Path installed = Path.of("/usr/share/datasets/fashion-mnist");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(installed), "skipped: no Fashion-MNIST at " + installed);
    IdxDataset test = IdxDataset.load(installed, "test", "fashion-mnist", IdxDataset.FASHION_MNIST_CLASSES);
    assertThat(test.size()).isEqualTo(10_000);
    assertThat(test.width()).isEqualTo(28);
    // The first test image is an ankle boot (class 9), as the dataset's documentation shows.
    assertThat(test.label(0)).isEqualTo(9);
  }
}
