package io.sne.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadersTest {
  private static byte[] idxImages(int n, int rows, int cols) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x00000803);
    out.writeInt(n);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int i = 0; i < n * rows * cols; i++) out.writeByte(i % 256);
    return b.toByteArray();
  }

  private static byte[] idxLabels(int n) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x00000801);
    out.writeInt(n);
    for (int i = 0; i < n; i++) out.writeByte(i % 10);
    return b.toByteArray();
  }

  private static void gz(Path file, byte[] data) throws IOException {
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
      o.write(data);
    }
  }

  @Test
  void readsGzippedAndRawIdxFolders(@TempDir Path dir) throws Exception {
    gz(dir.resolve("train-images-idx3-ubyte.gz"), idxImages(3, 2, 2));
    gz(dir.resolve("train-labels-idx1-ubyte.gz"), idxLabels(3));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), idxImages(2, 2, 2));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(2));
    Datasets.Split s = Datasets.mnist(dir);
    assertThat(s.train().size()).isEqualTo(3);
    assertThat(s.train().image(1)).containsExactly(4 / 255f, 5 / 255f, 6 / 255f, 7 / 255f);
    assertThat(s.test().labels()).containsExactly(0, 1);
  }

  @Test
  void namesTheFileAndTheProblem(@TempDir Path dir) throws Exception {
    byte[] img = idxImages(3, 2, 2);
    Files.write(dir.resolve("train-images-idx3-ubyte"), java.util.Arrays.copyOf(img, img.length - 3));
    Files.write(dir.resolve("train-labels-idx1-ubyte"), idxLabels(3));
    assertThatThrownBy(() -> Datasets.mnist(dir)).hasMessageContaining("train-images-idx3-ubyte")
        .hasMessageContaining("expected 12 data bytes, the file ends after 9");
    Files.write(dir.resolve("train-images-idx3-ubyte"), idxLabels(3));
    assertThatThrownBy(() -> Datasets.mnist(dir)).hasMessageContaining("train-images-idx3-ubyte")
        .hasMessageContaining("found 0x00000801");
    assertThatThrownBy(() -> Datasets.fashionMnist(dir.resolve("nowhere"))).hasMessageContaining("apt-get install -y dataset-fashion-mnist");
  }

  @Test
  void readsCifar10BinaryRecordsInColour(@TempDir Path dir) throws Exception {
    byte[] rec = new byte[2 * 3073];
    rec[0] = 7;
    rec[1] = (byte) 255; // first red pixel of record 0
    rec[3073] = 2;
    rec[3073 + 1 + 1024] = (byte) 51; // first green pixel of record 1
    for (int b = 1; b <= 5; b++) Files.write(dir.resolve("data_batch_" + b + ".bin"), rec);
    Files.write(dir.resolve("test_batch.bin"), java.util.Arrays.copyOf(rec, 3073));
    Datasets.Split s = Datasets.cifar10(dir);
    assertThat(s.train().size()).isEqualTo(10);
    assertThat(s.train().channels()).isEqualTo(3);
    assertThat(s.train().labels()).startsWith(7, 2, 7, 2);
    assertThat(s.train().image(0)[0]).isEqualTo(1f);
    assertThat(s.train().image(1)[1024]).isEqualTo(0.2f);
    assertThat(s.test().size()).isEqualTo(1);
    Files.write(dir.resolve("data_batch_2.bin"), new byte[100]);
    assertThatThrownBy(() -> Datasets.cifar10(dir)).hasMessageContaining("data_batch_2.bin").hasMessageContaining("3073-byte");
    assertThatThrownBy(() -> Datasets.cifar10(null)).hasMessageContaining("set dataset.path");
  }
}
