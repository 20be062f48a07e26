package io.sne.events.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventReader;
import io.sne.events.EventWriter;
import io.sne.events.Recordings;
import io.sne.events.SampleRecordings;
import io.sne.events.SensorGeometry;
import io.sne.events.format.Aedat4Compression;
import io.sne.events.format.Aedat4Writer;
import io.sne.events.format.Writers;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decode rate per format on one core, in Mev/s. Run on purpose only:
 * {@code mvn -B -q -pl samples/events -am test -Dtest=DecodeBenchmark -Dsne.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Data: the real Gen3 EVT 2.0 recording (539,481 events, 50 ms) repeated 20 times (10.8 M events)
 * and re-encoded in every format. Baseline in the same run: reading the file's bytes alone.
 * Rates are given per wall second and per CPU second of the decoding thread (median of the runs,
 * and the best CPU figure): on a shared machine the CPU figure is the per-core rate, the wall
 * figure what this run got.
 *
 * <p>EVT 3.0 twice: "evt3" keeps the Gen3 sensor's event order (rows interleaved within a
 * microsecond, so few vector words), "evt3-rows" lists each microsecond's events by row, polarity
 * and x, the order of a row-scanning readout such as the IMX636's, so runs of pixels become
 * VECT_BASE_X + chained VECT words. Same events, same timestamps. "evt3-dense" is synthetic
 * ({@link #denseSweep}): as many events, but each microsecond a run of 8-64 pixels of one row, so
 * most words are vectors carrying many events, as on a fast-moving scene seen by a row-scanning
 * sensor. It is not the recording: it shows how the decoder scales with vector density.
 */
class DecodeBenchmark {
  private static final int REPEATS = 20;
  private static final int RUNS = 7;

  @TempDir Path dir;

  @Test
  void decodeRates() throws IOException {
    assumeTrue(Boolean.getBoolean("sne.bench"), "benchmark: run with -Dsne.bench=true");
    EventBuffer sample = Recordings.readAll(SampleRecordings.require("expelliarmus_evt2_sample.raw"));
    EventBuffer events = repeated(sample);
    SensorGeometry sensor = new SensorGeometry(640, 480);
    List<Object[]> files = new ArrayList<>();
    for (EventFormat format : new EventFormat[] {EventFormat.EVT2, EventFormat.EVT3, EventFormat.CSV}) {
      Path f = dir.resolve("bench-" + format.id());
      try (EventWriter w = Writers.open(f, format, sensor)) {
        w.write(events);
      }
      files.add(new Object[] {format.id(), f});
    }
    Path rows = dir.resolve("bench-evt3-rows");
    try (EventWriter w = Writers.open(rows, EventFormat.EVT3, sensor)) {
      w.write(rowOrdered(events));
    }
    files.add(2, new Object[] {"evt3-rows", rows});
    Path dense = dir.resolve("bench-evt3-dense");
    try (EventWriter w = Writers.open(dense, EventFormat.EVT3, new SensorGeometry(1280, 720))) {
      w.write(denseSweep(events.size()));
    }
    files.add(3, new Object[] {"evt3-dense", dense});
    for (Aedat4Compression c : new Aedat4Compression[] {Aedat4Compression.NONE, Aedat4Compression.LZ4, Aedat4Compression.ZSTD}) {
      Path f = dir.resolve("bench-aedat4-" + c);
      try (Aedat4Writer w = new Aedat4Writer(f, sensor, c)) {
        w.write(events);
      }
      files.add(new Object[] {"aedat4 " + c.name().toLowerCase(Locale.ROOT), f});
    }
    files.add(new Object[] {"nmnist", writeNmnist(events, dir.resolve("bench.bin"))});
    files.add(new Object[] {"dat", writeDat(events, dir.resolve("bench.dat"))});
    files.add(new Object[] {"aedat2", writeAedat2(events, dir.resolve("bench.aedat"))});

    System.out.printf(Locale.ROOT, "%n%-14s %12s %10s %9s %12s %14s %14s %12s%n", "format", "events", "MB", "bytes/ev",
        "Mev/s wall", "Mev/s CPU", "best CPU", "read MB/s");
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    String only = System.getProperty("sne.bench.formats", "");
    for (Object[] entry : files) {
      if (!only.isEmpty() && !java.util.Arrays.asList(only.split(",")).contains(entry[0])) {
        continue;
      }
      Path f = (Path) entry[1];
      double[] wall = new double[RUNS];
      double[] cpu = new double[RUNS];
      long count = 0;
      for (int run = 0; run < RUNS; run++) {
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        count = decodeAll(f);
        wall[run] = count / ((System.nanoTime() - start) / 1e9) / 1e6;
        cpu[run] = count / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9) / 1e6;
      }
      double readMbPerS = 0;
      for (int run = 0; run < RUNS; run++) {
        long start = System.nanoTime();
        long bytes = readBytes(f);
        readMbPerS = Math.max(readMbPerS, bytes / ((System.nanoTime() - start) / 1e9) / 1e6);
      }
      System.out.printf(Locale.ROOT, "%-14s %,12d %10.1f %9.2f %12.1f %14.1f %14.1f %12.0f%n", entry[0], count,
          Files.size(f) / 1e6, (double) Files.size(f) / count, median(wall), median(cpu),
          java.util.Arrays.stream(cpu).max().orElse(0), readMbPerS);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The same events with each microsecond's events sorted by row, polarity and x. */
  static EventBuffer rowOrdered(EventBuffer events) {
    EventBuffer ordered = new EventBuffer(events.size());
    int start = 0;
    while (start < events.size()) {
      int end = start;
      while (end < events.size() && events.t(end) == events.t(start)) {
        end++;
      }
      long[] keys = new long[end - start];
      for (int i = start; i < end; i++) {
        keys[i - start] = (long) events.y(i) << 40 | (long) events.p(i) << 32 | (long) events.x(i) << 20 | (i - start);
      }
      java.util.Arrays.sort(keys);
      for (long key : keys) {
        int i = start + (int) (key & 0xFFFFF);
        ordered.add(events.t(i), events.x(i), events.y(i), events.p(i));
      }
      start = end;
    }
    return ordered;
  }

  /**
   * Synthetic, not recorded: what a row-scanning 1280x720 sensor (IMX636) emits when an edge sweeps
   * it fast. Every microsecond one row segment of 8 to 64 neighbouring pixels (seeded), one polarity
   * per row, about 36 events per microsecond: the dense case EVT 3.0's vector words are made for.
   */
  static EventBuffer denseSweep(int n) {
    java.util.Random rng = new java.util.Random(7);
    EventBuffer events = new EventBuffer(n);
    for (long t = 0; events.size() < n; t++) {
      int y = (int) ((t / 2) % 720);
      int length = 8 + rng.nextInt(57);
      int x0 = (int) ((t * 7) % (1280 - 64));
      for (int i = 0; i < length && events.size() < n; i++) {
        events.add(t, x0 + i, y, y & 1);
      }
    }
    return events;
  }

  static EventBuffer repeated(EventBuffer sample) {
    EventBuffer events = new EventBuffer(sample.size() * REPEATS);
    long span = sample.t(sample.size() - 1) - sample.t(0) + 1;
    for (int r = 0; r < REPEATS; r++) {
      for (int i = 0; i < sample.size(); i++) {
        events.add(sample.t(i) + r * span, sample.x(i), sample.y(i), sample.p(i));
      }
    }
    return events;
  }

  private static long decodeAll(Path file) throws IOException {
    long count = 0;
    long checksum = 0;
    try (EventReader reader = Recordings.open(file)) {
      EventBuffer packet = new EventBuffer();
      while (reader.next(packet)) {
        count += packet.size();
        checksum += packet.x(packet.size() - 1);
      }
    }
    return checksum == Long.MIN_VALUE ? -1 : count;
  }

  private static long readBytes(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    long total = 0;
    try (FileChannel channel = FileChannel.open(file)) {
      int n;
      while ((n = channel.read(buffer)) > 0) {
        total += n;
        buffer.clear();
      }
    }
    return total;
  }

  private static Path writeNmnist(EventBuffer events, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < events.size(); i++) {
        long t = events.t(i) & 0x7FFFFF;
        out.write(events.x(i) & 0xFF);
        out.write(events.y(i) & 0xFF);
        out.write((int) (events.p(i) << 7 | (t >>> 16)));
        out.write((int) (t >>> 8) & 0xFF);
        out.write((int) t & 0xFF);
      }
    }
    return file;
  }

  private static Path writeDat(EventBuffer events, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write("% Data file containing CD events.\n% Version 2\n".getBytes());
      out.write(new byte[] {0, 8});
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < events.size(); i++) {
        b.clear();
        b.putInt((int) events.t(i)).putInt(events.p(i) << 28 | events.y(i) << 14 | events.x(i));
        out.write(b.array());
      }
    }
    return file;
  }

  private static Path writeAedat2(EventBuffer events, Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeBytes("#!AER-DAT2.0\r\n# AEChip: eu.seebetter.ini.chips.davis.Davis640\r\n");
      for (int i = 0; i < events.size(); i++) {
        out.writeInt(events.y(i) << 22 | (639 - events.x(i)) << 12 | events.p(i) << 11);
        out.writeInt((int) events.t(i));
      }
    }
    return file;
  }
}
