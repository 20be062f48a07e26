package io.sne.events.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventReader;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jAER AEDAT 2.0 records built from the address layouts in iniVation's AEDAT 2.0 documentation. */
class Aedat2ReaderTest {
  @TempDir Path dir;

  private Path file(String chipLine, int... addressAndTime) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeBytes("#!AER-DAT2.0\r\n# This is a raw AE data file - do not edit\r\n" + chipLine + "\r\n");
    for (int v : addressAndTime) {
      out.writeInt(v);
    }
    Path f = dir.resolve("rec.aedat");
    Files.write(f, bytes.toByteArray());
    return f;
  }

  @Test
  void dvs128AddressesMirrorXAndUseBitZeroSetForOff() throws IOException {
    int onAt10x20 = (20 << 8) | ((127 - 10) << 1); // bit 0 clear = ON, raw x mirrored
    int offAt0x127 = (127 << 8) | (127 << 1) | 1;
    int external = 0x8000;
    Path f = file("# HardwareInterface: DVS128", onAt10x20, 100, external, 150, offAt0x127, 200);
    assertThat(FormatDetector.detect(f)).isEqualTo(EventFormat.AEDAT2);
    try (EventReader reader = Recordings.open(f)) {
      assertThat(reader.geometry()).isEqualTo(new SensorGeometry(128, 128));
      assertThat(Recordings.readAll(reader)).isEqualTo(
          EventBuffer.of(new long[] {100, 200}, new int[] {10, 0}, new int[] {20, 127}, new byte[] {1, 0}));
      assertThat(reader.skipped()).isEqualTo(Map.of("special", 1L));
    }
  }

  @Test
  void davis346AddressesSkipApsImuAndExternalEvents() throws IOException {
    int on = (200 << 22) | ((345 - 300) << 12) | (1 << 11);
    int off = (5 << 22) | ((345 - 0) << 12);
    int aps = 0x80000000 | (5 << 22);
    int trigger = 0x400;
    Path f = file("# AEChip: eu.seebetter.ini.chips.davis.Davis346B", aps, 1, on, 2, trigger, 3, off, 4);
    try (EventReader reader = Recordings.open(f)) {
      assertThat(reader.geometry()).isEqualTo(new SensorGeometry(346, 260));
      assertThat(Recordings.readAll(reader)).isEqualTo(
          EventBuffer.of(new long[] {2, 4}, new int[] {300, 0}, new int[] {200, 5}, new byte[] {1, 0}));
      assertThat(reader.skipped()).isEqualTo(Map.of("apsOrImu", 1L, "special", 1L));
    }
  }

  @Test
  void timestampWrapOf32BitsIsUnwrapped() throws IOException {
    Path f = file("# DVS128", 0, 0xFFFFFF00, 0, 0x10);
    EventBuffer events = Recordings.readAll(f);
    assertThat(events.t(0)).isEqualTo(0xFFFFFF00L);
    assertThat(events.t(1)).isEqualTo((1L << 32) + 0x10);
  }
}
