package io.sne.events.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.EventReader;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo recordings under samples/recordings are intact and match their label index. */
class CommittedSamplesTest {
  private static final Path DIR = Path.of("../recordings/fashion-mnist-events");

  @Test
  void everyListedRecordingIsAThreeHundredMillisecondThirtyFourPixelSample() throws IOException {
    List<String> rows = Files.readAllLines(DIR.resolve("labels.csv"));
    assertThat(rows.get(0)).isEqualTo("file,label,sourceIndex,split");
    assertThat(rows).hasSize(51);
    int[] perClass = new int[10];
    for (String row : rows.subList(1, rows.size())) {
      String[] cols = row.split(",");
      perClass[Integer.parseInt(cols[1])]++;
      try (EventReader reader = Recordings.open(DIR.resolve(cols[0]))) {
        assertThat(reader.geometry()).isEqualTo(new SensorGeometry(34, 34));
        EventBuffer events = Recordings.readAll(reader);
        assertThat(events.size()).isBetween(500, 20_000);
        assertThat(events.t(0)).isGreaterThanOrEqualTo(1);
        assertThat(events.t(events.size() - 1)).isLessThanOrEqualTo(300_000);
      }
    }
    assertThat(perClass).containsOnly(5);
  }
}
