package io.sne.events.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventReader;
import io.sne.events.EventWriter;
import io.sne.events.RandomEvents;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** read(write(events)) == events for every format SNE writes, detected from the file alone. */
class RoundTripTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = EventFormat.class, names = {"EVT2", "EVT3", "AEDAT4", "CSV"})
  void readsBackExactlyWhatWasWritten(EventFormat format) throws IOException {
    SensorGeometry sensor = new SensorGeometry(640, 480);
    // Starts past 2^24 µs and spans several EVT 3.0 time-high wraps (16.8 s each).
    EventBuffer events = RandomEvents.generate(format.ordinal(), 30_000, sensor, 20_000_000, 20_000);
    events.addAll(RandomEvents.generate(99, 1000, sensor, events.t(events.size() - 1) + 40_000_000, 50));
    Path file = dir.resolve("events." + format.extensions().get(0));
    try (EventWriter writer = Writers.open(file, format, sensor)) {
      writer.write(events.slice(0, 12_345));
      writer.write(events.slice(12_345, events.size()));
    }
    assertThat(FormatDetector.detect(file)).isEqualTo(format);
    try (EventReader reader = Recordings.open(file)) {
      assertThat(reader.format()).isEqualTo(format);
      assertThat(reader.geometry()).isEqualTo(sensor);
      assertThat(Recordings.readAll(reader)).isEqualTo(events);
      assertThat(reader.skipped()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Aedat4Compression.class)
  void aedat4RoundTripsWithEveryCompression(Aedat4Compression compression) throws IOException {
    SensorGeometry sensor = new SensorGeometry(346, 260);
    EventBuffer events = RandomEvents.generate(5, 10_000, sensor, 1_700_000_000_000_000L, 1_000);
    Path file = dir.resolve("c.aedat4");
    try (Aedat4Writer writer = new Aedat4Writer(file, sensor, compression)) {
      writer.write(events);
    }
    try (Aedat4Reader reader = new Aedat4Reader(file, 3000)) {
      assertThat(reader.compression()).isEqualTo(compression);
      EventBuffer packet = new EventBuffer();
      EventBuffer all = new EventBuffer();
      while (reader.next(packet)) {
        assertThat(packet.size()).isLessThanOrEqualTo(3000);
        all.addAll(packet);
      }
      assertThat(all).isEqualTo(events);
    }
  }
}
