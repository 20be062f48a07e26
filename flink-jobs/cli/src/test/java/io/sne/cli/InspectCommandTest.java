package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InspectCommandTest {
  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    try {
      assertThat(SneCli.commandLine().execute(args)).isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString();
  }

  @Test
  void jsonReportOfTheRealEvt2RecordingMatchesItsPublishedCounts() throws Exception {
    String samples = System.getProperty("sne.samples.dir", "../../../shared/samples");
    Path file = Path.of(samples, "expelliarmus_evt2_sample.raw");
    assumeTrue(Files.isRegularFile(file), "skipped: real sample recording " + file + " is absent");
    JsonNode report = new ObjectMapper().readTree(run("inspect", "--json", file.toString()));
    assertThat(report.get("format").asText()).isEqualTo("evt2");
    assertThat(report.get("width").asInt()).isEqualTo(640);
    assertThat(report.get("height").asInt()).isEqualTo(480);
    assertThat(report.get("events").asLong()).isEqualTo(539_481);
    assertThat(report.get("onEvents").asLong()).isEqualTo(367_855);
    assertThat(report.get("firstTimestampUs").asLong()).isEqualTo(1_317_888);
    assertThat(report.get("lastTimestampUs").asLong()).isEqualTo(1_367_888);
  }

  @Test
  void textReportNamesFormatAndSensor() {
    String text = run("inspect", "../../samples/recordings/fashion-mnist-events/test-00000.raw");
    assertThat(text).contains("format:       evt2 (Prophesee RAW EVT 2.0)").contains("sensor:       34x34 (from the header)");
  }
}
