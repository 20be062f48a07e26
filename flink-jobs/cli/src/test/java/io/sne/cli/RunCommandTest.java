package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.model.SneModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sne run} refuses a bad model or bad settings before any job starts, with one clear line. */
class RunCommandTest {
  @Test
  void aCorruptModelIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("broken.safetensors");
    Files.write(model, new byte[] {1, 2, 3});
    String err = runExpectingFailure("run", "--bootstrap", "127.0.0.1:9", "--model", model.toString());
    assertThat(err).contains("sne run:", "broken.safetensors");
    assertThat(err.lines().count()).isEqualTo(1);
  }

  @Test
  void namesTheFiltersProducersMustApplyForAModelTrainedBehindThem(@TempDir Path dir) throws Exception {
    SneModel filtered = SneModel.load(FilteredModels.write(dir.resolve("f.safetensors"), "denoise:1000", "hot-pixel"));
    assertThat(RunCommand.filterNote(filtered)).hasValue("note: the model was trained behind the edge filters denoise:1000, hot-pixel;"
        + " send it events filtered the same way (sne replay / sne ingest udp --filter denoise:1000 --filter hot-pixel)");
    assertThat(RunCommand.filterNote(RandomModels.reference(1))).isEmpty();
  }

  @Test
  void aMissingPropertiesFileIsNamed(@TempDir Path dir) {
    String err = runExpectingFailure("run", "--bootstrap", "127.0.0.1:9", "--model", dir.resolve("m").toString(),
        "--kafka-properties", dir.resolve("client.properties").toString());
    assertThat(err).contains("client.properties", "no such file");
  }

  private static String runExpectingFailure(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      var cli = SneCli.commandLine();
      cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
      assertThat(cli.execute(args)).isEqualTo(1);
    } finally {
      System.setErr(original);
    }
    return err.toString(StandardCharsets.UTF_8);
  }
}
