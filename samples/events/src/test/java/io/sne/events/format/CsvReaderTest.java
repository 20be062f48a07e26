package io.sne.events.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventFormatException;
import io.sne.events.EventReader;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  @Test
  void headerMayReorderColumnsAndPolarityMayBeSigned() throws IOException {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "# geometry 64x48\nx,y,p,t\n3,4,1,100\n5,6,-1,101\n");
    try (EventReader reader = Recordings.open(f)) {
      assertThat(reader.geometry()).isEqualTo(new SensorGeometry(64, 48));
      assertThat(Recordings.readAll(reader)).isEqualTo(
          EventBuffer.of(new long[] {100, 101}, new int[] {3, 5}, new int[] {4, 6}, new byte[] {1, 0}));
    }
  }

  @Test
  void spaceSeparatedSecondsAsInTheEventCameraDataset() throws IOException {
    Path f = dir.resolve("events.txt");
    Files.writeString(f, "0.000050 33 39 1\n1.5 34 40 0\n");
    assertThat(FormatDetector.detect(f)).isEqualTo(EventFormat.CSV);
    EventBuffer events = Recordings.readAll(f);
    assertThat(events.describe(0)).isEqualTo("(50, 33, 39, 1)");
    assertThat(events.describe(1)).isEqualTo("(1500000, 34, 40, 0)");
  }

  @Test
  void badLineNamesItsNumberAndOffsetAfterDeliveringEarlierEvents() throws IOException {
    Path f = dir.resolve("bad.csv");
    String good = "t,x,y,p\n1,2,3,1\n";
    Files.writeString(f, good + "2,x,3,1\n");
    try (EventReader reader = Recordings.open(f)) {
      EventBuffer packet = new EventBuffer();
      assertThat(reader.next(packet)).isTrue();
      assertThat(packet.size()).isEqualTo(1);
      assertThatThrownBy(() -> reader.next(packet))
          .isInstanceOf(EventFormatException.class)
          .hasMessageContaining("at byte " + good.length())
          .hasMessageContaining("line 3: expected numbers t,x,y,p");
    }
  }
}
