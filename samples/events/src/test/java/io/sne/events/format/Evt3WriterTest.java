package io.sne.events.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The words the EVT 3.0 writer chooses, checked against the word layout of the specification. */
class Evt3WriterTest {
  private static final SensorGeometry SENSOR = new SensorGeometry(640, 480);

  @TempDir Path dir;

  @Test
  void aBusyRowBecomesOneBaseAndChainedVectors() throws IOException {
    // 32 ON events at x = 100..131 in row 7, all at t = 5 µs: VECT_BASE_X 100, then VECT_12 (100..111),
    // VECT_12 (112..123) and VECT_8 (124..131) without new bases.
    EventBuffer row = new EventBuffer();
    for (int x = 100; x < 132; x++) {
      row.add(5, x, 7, 1);
    }
    Path file = write(row);
    assertThat(words(file)).containsExactly(
        0x8000, // TIME_HIGH 0
        0x6000 | 5, // TIME_LOW 5
        0x0000 | 7, // ADDR_Y 7
        0x3000 | 1 << 11 | 100, // VECT_BASE_X 100, ON
        0x4FFF, 0x4FFF, // VECT_12, all set
        0x50FF); // VECT_8, all set
    assertThat(Recordings.readAll(file)).isEqualTo(row);
  }

  @Test
  void aVectorChainStopsAtAGapARowOrAPolarityChange() throws IOException {
    EventBuffer events = new EventBuffer();
    events.add(5, 10, 1, 0);
    events.add(5, 11, 1, 0); // VECT_BASE_X 10 + VECT_8 0b11; base now 18
    events.add(5, 40, 1, 0); // past base 18 + 12: its own ADDR_X
    events.add(5, 41, 1, 1); // other polarity: ADDR_X
    events.add(5, 19, 2, 0); // new row: ADDR_Y then ADDR_X, even though x lies in 18..29
    Path file = write(events);
    assertThat(words(file)).containsExactly(
        0x8000, 0x6000 | 5, 0x0000 | 1,
        0x3000 | 10, 0x5000 | 0b11,
        0x2000 | 40,
        0x2000 | 1 << 11 | 41,
        0x0000 | 2, 0x2000 | 19);
    assertThat(Recordings.readAll(file)).isEqualTo(events);
  }

  @Test
  void denseRowOrderedEventsReadBackExactlyAndTakeFewerWordsThanEvents() throws IOException {
    // Row-ordered bursts as a row-scanning readout emits them: every timestamp lists its events by
    // row, polarity and x, with runs of neighbouring pixels (an edge sweeping across the sensor).
    SplittableRandom random = new SplittableRandom(11);
    EventBuffer events = new EventBuffer();
    long t = 20_000_000; // past 2^24 µs: chains must survive the time-high wrap logic
    for (int burst = 0; burst < 2_000; burst++) {
      t += random.nextInt(3);
      int y = random.nextInt(SENSOR.height() - 8);
      for (int row = y; row < y + 1 + random.nextInt(8); row++) {
        for (int p = 0; p < 2; p++) {
          int x = random.nextInt(SENSOR.width() - 64);
          int end = x + 1 + random.nextInt(60);
          for (; x < end; x += 1 + (random.nextInt(4) == 0 ? random.nextInt(14) : 0)) {
            events.add(t, x, row, p);
          }
        }
      }
    }
    Path file = write(events);
    assertThat(Recordings.readAll(file)).isEqualTo(events);
    assertThat(words(file).size()).isLessThan(events.size() / 2);
  }

  private Path write(EventBuffer events) throws IOException {
    Path file = dir.resolve("w.raw");
    try (Evt3Writer writer = new Evt3Writer(file, SENSOR)) {
      writer.write(events);
    }
    return file;
  }

  /** The 16-bit words after the "%" header lines. */
  private static List<Integer> words(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int start = 0;
    while (bytes[start] == '%') {
      while (bytes[start] != '\n') {
        start++;
      }
      start++;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, start, bytes.length - start).order(ByteOrder.LITTLE_ENDIAN);
    List<Integer> words = new ArrayList<>();
    while (b.remaining() >= 2) {
      words.add(b.getShort() & 0xFFFF);
    }
    return words;
  }
}
