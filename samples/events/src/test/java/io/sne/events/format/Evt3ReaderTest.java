package io.sne.events.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormatException;
import io.sne.events.EventReader;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EVT 3.0 word streams built word by word from the Prophesee specification. */
class Evt3ReaderTest {
  private static final byte[] HEADER = "% evt 3.0\n% format EVT3;height=720;width=1280\n% end\n".getBytes();

  @TempDir Path dir;

  private Path file(int... words) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(HEADER.length + 2 * words.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(HEADER);
    for (int w : words) {
      b.putShort((short) w);
    }
    Path f = dir.resolve("stream.raw");
    Files.write(f, b.array());
    return f;
  }

  private static int timeHigh(int v) {
    return 0x8000 | v;
  }

  private static int timeLow(int v) {
    return 0x6000 | v;
  }

  private static int addrY(int y) {
    return y;
  }

  private static int addrX(int x, int p) {
    return 0x2000 | p << 11 | x;
  }

  @Test
  void decodesSingleAndVectorEventsAgainstTheirRowAndTime() throws IOException {
    Path f = file(
        timeHigh(1), timeLow(5), addrY(100), addrX(7, 1),
        0x3000 | 0 << 11 | 200, // VECT_BASE_X x=200, OFF
        0x4000 | 0b1000_0000_0101, // VECT_12: x = 200, 202, 211
        0x5000 | 0b0000_0011, // VECT_8 after the 12: x = 212, 213
        addrY(101), addrX(8, 0));
    EventBuffer events = Recordings.readAll(f);
    long t = (1 << 12) | 5;
    assertThat(events).isEqualTo(EventBuffer.of(
        new long[] {t, t, t, t, t, t, t},
        new int[] {7, 200, 202, 211, 212, 213, 8},
        new int[] {100, 100, 100, 100, 100, 100, 101},
        new byte[] {1, 0, 0, 0, 0, 0, 0}));
  }

  @Test
  void onlyADecreasingTimeHighIsAWrapNotADecreasingTimeLow() throws IOException {
    Path f = file(
        timeHigh(4095), timeLow(4000), addrY(1), addrX(1, 1),
        timeLow(3990), addrX(2, 1), // steps back 10 µs: same epoch, earlier time
        timeHigh(0), timeLow(10), addrX(3, 1), // TIME_HIGH falls: one wrap of 2^24 µs
        timeHigh(5), addrX(4, 1));
    EventBuffer events = Recordings.readAll(f);
    long epoch = 1L << 24;
    assertThat(events.timestampsUs()).startsWith(
        (4095L << 12) | 4000, (4095L << 12) | 3990, epoch + 10, epoch + (5L << 12) + 10);
  }

  @Test
  void eventsBeforeTheFirstTimeHighAndTriggersAreCounted() throws IOException {
    Path f = file(addrY(3), addrX(1, 1), 0x3000 | 10, 0x5000 | 0b111,
        timeHigh(2), 0xA000 | 1, 0xE000, addrX(9, 1));
    try (EventReader reader = Recordings.open(f)) {
      EventBuffer events = Recordings.readAll(reader);
      assertThat(events.describe(0)).isEqualTo("(" + (2 << 12) + ", 9, 3, 1)");
      assertThat(events.size()).isEqualTo(1);
      assertThat(reader.skipped()).isEqualTo(Map.of("cdBeforeTimeHigh", 4L, "triggers", 1L, "others", 1L));
      assertThat(reader.geometry()).isEqualTo(new SensorGeometry(1280, 720));
    }
  }

  @Test
  void unknownWordTypeStopsAtItsOffsetAfterDeliveringEarlierEvents() throws IOException {
    Path f = file(timeHigh(1), addrY(1), addrX(1, 1), addrX(2, 1), 0x9000, addrX(3, 1));
    try (EventReader reader = Recordings.open(f)) {
      EventBuffer packet = new EventBuffer();
      assertThat(reader.next(packet)).isTrue();
      assertThat(packet.size()).isEqualTo(2);
      assertThatThrownBy(() -> reader.next(packet))
          .isInstanceOf(EventFormatException.class)
          .hasMessageContaining(f.toString())
          .hasMessageContaining("at byte " + (HEADER.length + 8))
          .hasMessageContaining("found type 0x9");
    }
  }

  @Test
  void oddTrailingByteIsReportedAsTruncation() throws IOException {
    Path f = file(timeHigh(1), addrY(1), addrX(1, 1));
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length + 1));
    try (EventReader reader = Recordings.open(f)) {
      EventBuffer packet = new EventBuffer();
      assertThat(reader.next(packet)).isTrue();
      assertThat(packet.size()).isEqualTo(1);
      assertThatThrownBy(() -> reader.next(packet)).hasMessageContaining("at byte " + bytes.length)
          .hasMessageContaining("2-byte EVT 3.0 word");
    }
  }
}
