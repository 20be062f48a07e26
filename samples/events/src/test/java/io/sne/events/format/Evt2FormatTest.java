package io.sne.events.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventFormatException;
import io.sne.events.EventReader;
import io.sne.events.RandomEvents;
import io.sne.events.Recordings;
import io.sne.events.SampleRecordings;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Evt2FormatTest {
  @TempDir Path dir;

  @Test
  void readsBackWhatItWrites() throws IOException {
    SensorGeometry sensor = new SensorGeometry(1280, 720);
    EventBuffer events = RandomEvents.generate(7, 50_000, sensor, 3_000_000, 5_000);
    Path file = dir.resolve("round.raw");
    try (Evt2Writer writer = new Evt2Writer(file, sensor)) {
      writer.write(events.slice(0, 20_000));
      writer.write(events.slice(20_000, events.size()));
    }
    assertThat(FormatDetector.detect(file)).isEqualTo(EventFormat.EVT2);
    try (EventReader reader = Recordings.open(file)) {
      assertThat(reader.geometry()).isEqualTo(sensor);
      assertThat(Recordings.readAll(reader)).isEqualTo(events);
    }
  }

  @Test
  void packetsNeverExceedTheirSizeAndConcatenateToTheWholeRecording() throws IOException {
    SensorGeometry sensor = new SensorGeometry(34, 34);
    EventBuffer events = RandomEvents.generate(8, 10_001, sensor, 0, 200);
    Path file = dir.resolve("packets.raw");
    try (Evt2Writer writer = new Evt2Writer(file, sensor)) {
      writer.write(events);
    }
    EventBuffer all = new EventBuffer();
    EventBuffer packet = new EventBuffer();
    int packets = 0;
    try (Evt2Reader reader = new Evt2Reader(file, 1000)) {
      while (reader.next(packet)) {
        assertThat(packet.size()).isLessThanOrEqualTo(1000);
        all.addAll(packet);
        packets++;
      }
    }
    assertThat(packets).isEqualTo(11);
    assertThat(all).isEqualTo(events);
  }

  @Test
  void decodesTheRealGen3Recording() throws IOException {
    Path file = SampleRecordings.require("expelliarmus_evt2_sample.raw");
    try (EventReader reader = Recordings.open(file)) {
      assertThat(reader.format()).isEqualTo(EventFormat.EVT2);
      assertThat(reader.geometry()).isEqualTo(new SensorGeometry(640, 480));
      EventBuffer events = Recordings.readAll(reader);
      assertThat(events.size()).isEqualTo(539_481);
      assertThat(events.countOn()).isEqualTo(367_855);
      assertThat(events.describe(0)).isEqualTo("(1317888, 237, 121, 1)");
      assertThat(events.describe(1)).isEqualTo("(1317888, 246, 121, 1)");
      assertThat(events.describe(2)).isEqualTo("(1317888, 248, 132, 1)");
      assertThat(events.t(events.size() - 1)).isEqualTo(1_367_888);
    }
  }

  @Test
  void truncatedFileDeliversTheEventsBeforeTheDamageThenNamesFileAndOffset() throws IOException {
    SensorGeometry sensor = new SensorGeometry(34, 34);
    EventBuffer events = RandomEvents.generate(9, 100, sensor, 0, 10);
    Path file = dir.resolve("cut.raw");
    try (Evt2Writer writer = new Evt2Writer(file, sensor)) {
      writer.write(events);
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 2));
    long lastWordOffset = bytes.length - 4;

    EventBuffer packet = new EventBuffer();
    try (EventReader reader = Recordings.open(file)) {
      assertThat(reader.next(packet)).isTrue();
      assertThat(packet).isEqualTo(events.slice(0, 99));
      assertThatThrownBy(() -> reader.next(packet))
          .isInstanceOf(EventFormatException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("at byte " + lastWordOffset)
          .hasMessageContaining("expected a 4-byte EVT 2.0 word");
    }
  }

  @Test
  void unknownWordTypeIsReportedAtItsOffset() throws IOException {
    Path file = dir.resolve("corrupt.raw");
    ByteBuffer words = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    words.putInt(0x80000001); // TIME_HIGH: t = 64 µs
    words.putInt(0x10000000 | (5 << 11) | 6); // CD_ON at x=5, y=6
    words.putInt(0x50000000); // type 0x5 does not exist in EVT 2.0
    words.putInt(0x10000000);
    byte[] header = "% evt 2.0\n% format EVT2;height=34;width=34\n".getBytes();
    Files.write(file, concat(header, words.array()));
    EventBuffer packet = new EventBuffer();
    try (EventReader reader = Recordings.open(file)) {
      assertThat(reader.next(packet)).isTrue();
      assertThat(packet.describe(0)).isEqualTo("(64, 5, 6, 1)");
      assertThat(packet.size()).isEqualTo(1);
      assertThatThrownBy(() -> reader.next(packet))
          .isInstanceOf(EventFormatException.class)
          .hasMessageContaining("at byte " + (header.length + 8))
          .hasMessageContaining("found type 0x5");
    }
  }

  @Test
  void writerRejectsEventsGoingBackInTime() throws IOException {
    EventBuffer events = EventBuffer.of(new long[] {10, 5}, new int[2], new int[2], new byte[2]);
    try (Evt2Writer writer = new Evt2Writer(dir.resolve("back.raw"), new SensorGeometry(34, 34))) {
      assertThatThrownBy(() -> writer.write(events)).hasMessageContaining("non-decreasing");
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
