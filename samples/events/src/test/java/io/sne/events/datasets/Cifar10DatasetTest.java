package io.sne.events.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10DatasetTest {
  @TempDir Path dir;

  /** One record: label, then 1024 red, 1024 green, 1024 blue bytes. */
  private static byte[] record(int label, int red, int green, int blue) {
    byte[] r = new byte[1 + 3072];
    r[0] = (byte) label;
    Arrays.fill(r, 1, 1025, (byte) red);
    Arrays.fill(r, 1025, 2049, (byte) green);
    Arrays.fill(r, 2049, 3073, (byte) blue);
    return r;
  }

  @Test
  void testBatchGivesLabelsAndLumaImages() throws IOException {
    byte[] batch = new byte[2 * 3073];
    System.arraycopy(record(3, 255, 0, 0), 0, batch, 0, 3073);
    System.arraycopy(record(9, 0, 0, 255), 0, batch, 3073, 3073);
    Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
    Files.write(dir.resolve("cifar-10-batches-bin/test_batch.bin"), batch);

    Cifar10Dataset test = Cifar10Dataset.load(dir, "test");
    assertThat(test.size()).isEqualTo(2);
    assertThat(test.width()).isEqualTo(32);
    assertThat(test.label(0)).isEqualTo(3);
    assertThat(test.label(1)).isEqualTo(9);
    // BT.601 luma: pure red 0.299, pure blue 0.114.
    assertThat(test.image(0)[500]).isCloseTo(0.299f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(test.image(1)[0]).isCloseTo(0.114f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(test.classNames().get(9)).isEqualTo("truck");
  }

  @Test
  void rgbKeepsTheColourPlanesAndTrainReadsAllFiveBatches() throws IOException {
    byte[] first = record(7, 0, 0, 0);
    first[1] = (byte) 255; // first red pixel
    for (int b = 1; b <= 5; b++) {
      Files.write(dir.resolve("data_batch_" + b + ".bin"), b == 1 ? first : record(b, 0, 51, 0));
    }
    Cifar10Dataset train = Cifar10Dataset.load(dir, "train");
    assertThat(train.size()).isEqualTo(5);
    assertThat(train.label(0)).isEqualTo(7);
    assertThat(train.label(4)).isEqualTo(5);
    float[] rgb = train.rgb(0);
    assertThat(rgb).hasSize(3072);
    assertThat(rgb[0]).isEqualTo(1f);
    assertThat(rgb[1]).isEqualTo(0f);
    assertThat(train.rgb(1)[1024]).isEqualTo(0.2f); // green plane starts at 1024
    assertThat(train.rgb(1)[1023]).isEqualTo(0f);
  }

  @Test
  void missingTrainBatchIsNamed() throws IOException {
    Files.write(dir.resolve("data_batch_1.bin"), record(1, 0, 0, 0));
    assertThatThrownBy(() -> Cifar10Dataset.load(dir, "train")).hasMessageContaining("no data_batch_2.bin in " + dir);
  }

  @Test
  void truncatedBatchNamesTheIncompleteRecord() throws IOException {
    Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(record(1, 0, 0, 0), 3073 + 100));
    assertThatThrownBy(() -> Cifar10Dataset.load(dir, "test"))
        .hasMessageContaining("test_batch.bin at byte 3073: expected a 3073-byte record");
  }
}
