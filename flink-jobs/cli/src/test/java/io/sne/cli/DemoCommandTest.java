package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sne.events.LabelIndex;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sne demo} as a user runs it, in this process: the embedded broker, a Flink MiniCluster, the
 * committed recordings replayed in real time on 4 streams and the committed trained model. Every
 * recording must come back as exactly one committed classification, the trained model must do far
 * better than chance, and the energy figures must be those of a model cheaper than its teacher.
 */
@Timeout(150)
class DemoCommandTest {
  @Test
  void everyRecordingIsClassifiedOnceFarAboveChanceAndCheaperThanTheTeacher(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("demo.json");
    int recordings = LabelIndex.read(DemoCommand.DEFAULT_RECORDINGS).size();
    int classes = 10; // Fashion-MNIST

    String out = run("demo", "--json", json.toString(), "--seconds", "90", "--checkpoint-interval", "200");

    JsonNode summary = new ObjectMapper().readTree(json.toFile());
    for (String key : new String[] {"classifications", "accuracy", "meanEnergyPj", "energyRatio", "eventsPerSecond",
        "eventsReplayed", "eventsClassified", "deadLetters", "streams", "model"}) {
      assertThat(summary.has(key)).as("summary key " + key).isTrue();
    }
    assertThat(recordings).isGreaterThan(20);
    assertThat(summary.get("classifications").asLong()).as(out).isEqualTo(recordings);
    assertThat(summary.get("labelled").asLong()).isEqualTo(recordings);
    // Chance is 1/10; 4x chance on 50 windows is out of reach of a model that guesses.
    assertThat(summary.get("accuracy").asDouble()).isGreaterThan(4.0 / classes);
    assertThat(summary.get("meanEnergyPj").asDouble()).isPositive();
    assertThat(summary.get("energyRatio").asDouble()).isPositive().isLessThan(1.0);
    assertThat(summary.get("eventsPerSecond").asDouble()).isPositive();
    assertThat(summary.get("eventsReplayed").asLong()).isPositive()
        .as("every replayed event reached a window").isEqualTo(summary.get("eventsClassified").asLong());
    assertThat(summary.get("deadLetters").asLong()).isZero();
    assertThat(summary.get("streams").asInt()).isEqualTo(4);
    assertThat(out).contains("accuracy", "energy per decision");
  }

  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(SneCli.commandLine().execute(args)).as(() -> out.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
