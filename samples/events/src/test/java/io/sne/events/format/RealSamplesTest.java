package io.sne.events.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventReader;
import io.sne.events.Recordings;
import io.sne.events.SampleRecordings;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Counts and first events of the real recordings, as their README lists them. */
class RealSamplesTest {
  @Test
  void nmnistBin() throws IOException {
    EventBuffer events = read("tonic_sample_nmnist.bin", EventFormat.NMNIST_BIN, new SensorGeometry(34, 34));
    assertThat(events.size()).isEqualTo(4_325);
    assertThat(events.countOn()).isEqualTo(2_145);
    assertThat(events.describe(0)).isEqualTo("(654, 7, 15, 1)");
    assertThat(events.describe(1)).isEqualTo("(2999, 19, 18, 0)");
    assertThat(events.describe(2)).isEqualTo("(3017, 21, 17, 0)");
    assertThat(events.t(events.size() - 1)).isEqualTo(311_175);
  }

  @Test
  void propheseeDat() throws IOException {
    EventBuffer events = read("tonic_sample_ncars.dat", EventFormat.PROPHESEE_DAT, SensorGeometry.UNKNOWN);
    assertThat(events.size()).isEqualTo(2_009);
    assertThat(events.countOn()).isEqualTo(1_350);
    assertThat(events.describe(0)).isEqualTo("(0, 25, 8, 0)");
    assertThat(events.describe(1)).isEqualTo("(35, 67, 35, 0)");
    assertThat(events.describe(2)).isEqualTo("(152, 56, 27, 1)");
    assertThat(events.t(events.size() - 1)).isEqualTo(99_952);
  }

  private static EventBuffer read(String name, EventFormat format, SensorGeometry geometry) throws IOException {
    Path file = SampleRecordings.require(name);
    assertThat(FormatDetector.detect(file)).isEqualTo(format);
    try (EventReader reader = Recordings.open(file)) {
      assertThat(reader.geometry()).isEqualTo(geometry);
      return Recordings.readAll(reader);
    }
  }
}
