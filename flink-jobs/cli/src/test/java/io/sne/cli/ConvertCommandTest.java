package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventReader;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import io.sne.events.transform.Crop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sne convert through every written format and back, through a filter, and on a truncated input. */
class ConvertCommandTest {
  private static final Path SAMPLE = Path.of("../../samples/recordings/fashion-mnist-events/test-00000.raw");

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run sne(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    try {
      var cli = SneCli.commandLine();
      cli.setErr(new PrintWriter(err, true));
      int exit = cli.execute(args);
      return new Run(exit, out.toString(), err.toString());
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void aRecordingSurvivesEveryWrittenFormatInTurn() throws IOException {
    EventBuffer original = Recordings.readAll(SAMPLE);
    Path aedat = dir.resolve("a.aedat4");
    Path evt3 = dir.resolve("b.raw");
    Path csv = dir.resolve("c.csv");
    Path evt2 = dir.resolve("d.raw");
    assertThat(sne("convert", SAMPLE.toString(), aedat.toString()).exit()).isZero();
    assertThat(sne("convert", aedat.toString(), evt3.toString(), "--format", "evt3").exit()).isZero();
    assertThat(sne("convert", evt3.toString(), csv.toString()).exit()).isZero();
    Run last = sne("convert", csv.toString(), evt2.toString());
    assertThat(last.exit()).isZero();
    assertThat(last.out()).containsPattern("converted " + String.format("%,d", original.size()) + " events \\(.* read\\) from csv to evt2");

    for (Path p : new Path[] {aedat, evt3, csv, evt2}) {
      try (EventReader reader = Recordings.open(p)) {
        assertThat(reader.geometry()).as(p.toString()).isEqualTo(new SensorGeometry(34, 34));
      }
      assertThat(Recordings.readAll(p)).as(p.toString()).isEqualTo(original);
    }
    try (EventReader reader = Recordings.open(evt3)) {
      assertThat(reader.format()).isEqualTo(EventFormat.EVT3);
    }
  }

  @Test
  void aFilterIsAppliedAndTheSensorSizeFollowsIt() throws IOException {
    Path out = dir.resolve("crop.raw");
    Run run = sne("convert", SAMPLE.toString(), out.toString(), "--filter", "crop:5,5,20,20");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("transforms: filters crop:5,5,20,20");
    try (EventReader reader = Recordings.open(out)) {
      assertThat(reader.geometry()).isEqualTo(new SensorGeometry(20, 20));
    }
    assertThat(Recordings.readAll(out)).isEqualTo(new Crop(5, 5, 20, 20).apply(Recordings.readAll(SAMPLE)));
  }

  @Test
  void aTruncatedInputKeepsWhatWasDecodedAndSaysWhere() throws IOException {
    byte[] bytes = Files.readAllBytes(SAMPLE);
    Path truncated = dir.resolve("truncated.raw");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 2)); // half a 32-bit word at the end
    EventBuffer decoded = new EventBuffer();
    try (EventReader reader = Recordings.open(truncated)) {
      EventBuffer packet = new EventBuffer();
      while (reader.next(packet)) {
        decoded.addAll(packet);
      }
    } catch (IOException expected) {
      // the reader delivers what precedes the damage, then throws
    }
    assertThat(decoded.size()).isPositive();

    Path out = dir.resolve("partial.csv");
    Run run = sne("convert", truncated.toString(), out.toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("truncated.raw at byte").contains("events converted before it are in " + out);
    assertThat(Recordings.readAll(out)).isEqualTo(decoded);
  }

  @Test
  void anOutputWithoutAKnownExtensionNeedsFormat() {
    Run run = sne("convert", SAMPLE.toString(), dir.resolve("x.bin").toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("give --format evt2, evt3, aedat4 or csv");
    Run same = sne("convert", SAMPLE.toString(), SAMPLE.toString());
    assertThat(same.exit()).isNotZero();
    assertThat(same.err()).contains("OUT is IN");
  }
}
