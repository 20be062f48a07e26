package io.sne.events.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.events.EventFormat;
import io.sne.events.Recordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {
  @TempDir Path dir;

  @Test
  void headerWinsOverAMisleadingExtension() throws IOException {
    Path f = dir.resolve("really-evt3.dat");
    Files.writeString(f, "% evt 3.0\n% end\n");
    assertThat(FormatDetector.detect(f)).isEqualTo(EventFormat.EVT3);
  }

  @Test
  void unknownFormatListsTheSupportedOnes() throws IOException {
    Path f = dir.resolve("mystery.xyz");
    Files.write(f, new byte[] {1, 2, 3, (byte) 0xFF});
    assertThatThrownBy(() -> Recordings.open(f))
        .hasMessageContaining("mystery.xyz: unknown recording format")
        .hasMessageContaining("bytes 010203FF")
        .hasMessageContaining("nmnist (N-MNIST binary")
        .hasMessageContaining("evt3 (Prophesee RAW EVT 3.0")
        .hasMessageContaining("aedat4 (iniVation AEDAT 4.0")
        .hasMessageContaining("csv (CSV text");
  }

  @Test
  void missingFileSaysSo() {
    assertThatThrownBy(() -> FormatDetector.detect(dir.resolve("none.raw"))).hasMessageContaining("none.raw");
  }
}
