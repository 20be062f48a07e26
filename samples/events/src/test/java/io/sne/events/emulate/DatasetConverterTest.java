package io.sne.events.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.Recordings;
import io.sne.events.datasets.IdxDataset;
import io.sne.events.datasets.IdxDatasetTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetConverterTest {
  @TempDir Path dir;

  @Test
  void writesTheFirstImagesOfEachClassWithALabelIndexAndRecordingsTheEmulatorReproduces() throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    IdxDatasetTest.writeIdx(input, "t10k", 6, false, new int[] {1, 1, 0, 1, 0, 2});
    IdxDataset test = IdxDataset.load(input, "test", "mnist", IdxDataset.MNIST_CLASSES);
    DvsEmulator emulator = new DvsEmulator(EmulatorConfig.nmnistLike().withBackgroundRateHz(5));
    Path out = dir.resolve("out");

    DatasetConverter.Result result = new DatasetConverter(emulator, 42, 2, false)
        .convert(List.of(test), new DatasetConverter.Selection(2, 0), out);

    assertThat(result.samples()).isEqualTo(5); // two of class 1, two of class 0, one of class 2
    assertThat(Files.readAllLines(out.resolve("labels.csv"))).containsExactly(
        "file,label,sourceIndex,split",
        "test-00000.raw,1,0,test",
        "test-00001.raw,1,1,test",
        "test-00002.raw,0,2,test",
        "test-00004.raw,0,4,test",
        "test-00005.raw,2,5,test");
    assertThat(Files.readAllLines(out.resolve("classes.txt"))).hasSize(10).startsWith("0", "1");
    long total = 0;
    for (int index : new int[] {0, 1, 2, 4, 5}) {
      EventBuffer expected = emulator.emulate(test.image(index), 3, 2, SampleSeeds.of(42, "test", index));
      EventBuffer written = Recordings.readAll(out.resolve(String.format("test-%05d.raw", index)));
      assertThat(written).isEqualTo(expected);
      total += written.size();
    }
    assertThat(result.events()).isEqualTo(total);
  }

  @Test
  void sampleSeedsDifferAcrossIndicesAndSplits() {
    assertThat(SampleSeeds.of(42, "test", 0)).isNotEqualTo(SampleSeeds.of(42, "test", 1));
    assertThat(SampleSeeds.of(42, "test", 0)).isNotEqualTo(SampleSeeds.of(42, "train", 0));
    assertThat(SampleSeeds.of(42, "test", 0)).isNotEqualTo(SampleSeeds.of(43, "test", 0));
  }
}
