package io.sne.events.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sne.events.EventBuffer;
import io.sne.events.EventReader;
import io.sne.events.Recordings;
import io.sne.events.SampleRecordings;
import io.sne.events.SensorGeometry;
import io.sne.events.format.Evt2Reader;
import io.sne.events.format.Evt2Writer;
import io.sne.events.format.Evt3Reader;
import io.sne.events.format.Evt3Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the EVT 3.0 decode time goes, by subtraction (no hardware counters on the shared VM): the
 * pieces of the reader's work timed alone on the same words in memory, next to the real readers,
 * all in alternating rounds of one JVM (CPU time of this thread, medians). Run on purpose only:
 * {@code mvn -B -q -o -pl samples/events -am test -Dtest=Evt3DecodeAnatomy -Dsne.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dsne.bench.order=rows} for the row-ordered stream of {@link DecodeBenchmark}).
 */
class Evt3DecodeAnatomy {
  private static final int ROUNDS = 9;
  private static final int SMALL_PACKET = 8192;
  private static final int DEFAULT_PACKET = 65536;

  @TempDir Path dir;

  @Test
  void pieces() throws IOException {
    assumeTrue(Boolean.getBoolean("sne.bench"), "benchmark: run with -Dsne.bench=true");
    EventBuffer sensorOrder = DecodeBenchmark.repeated(Recordings.readAll(SampleRecordings.require("expelliarmus_evt2_sample.raw")));
    EventBuffer events = "rows".equals(System.getProperty("sne.bench.order"))
        ? DecodeBenchmark.rowOrdered(sensorOrder)
        : sensorOrder;
    SensorGeometry sensor = new SensorGeometry(640, 480);
    Path evt3 = dir.resolve("anatomy.evt3.raw");
    try (Evt3Writer w = new Evt3Writer(evt3, sensor)) {
      w.write(events);
    }
    Path evt2 = dir.resolve("anatomy.evt2.raw");
    try (Evt2Writer w = new Evt2Writer(evt2, sensor)) {
      w.write(events);
    }
    byte[] words = wordsAfterHeader(Files.readAllBytes(evt3));
    byte[] predictable = alternatingAddresses(words);
    long[] ts = new long[DEFAULT_PACKET];
    int[] xs = new int[DEFAULT_PACKET];

    Map<String, LongSupplier> pieces = new LinkedHashMap<>();
    pieces.put("scan: sum of the words", () -> scan(words));
    pieces.put("type dispatch only", () -> dispatch(words));
    pieces.put("type dispatch, ADDR_Y/X alternating", () -> dispatch(predictable));
    pieces.put("decode without column stores", () -> decodeWithoutStores(words));
    pieces.put("column stores alone (t,x,y,p)", () -> storesAlone(events.size()));
    pieces.put("branch-free ADDR_Y/X kernel", () -> addressKernel(words, ts, xs));
    pieces.put("EVT 3.0 reader, 65,536-event packets", () -> decode(() -> new Evt3Reader(evt3, DEFAULT_PACKET)));
    pieces.put("EVT 3.0 reader, 8,192-event packets", () -> decode(() -> new Evt3Reader(evt3, SMALL_PACKET)));
    pieces.put("EVT 2.0 reader, 65,536-event packets", () -> decode(() -> new Evt2Reader(evt2, DEFAULT_PACKET)));
    pieces.put("EVT 2.0 reader, 8,192-event packets", () -> decode(() -> new Evt2Reader(evt2, SMALL_PACKET)));

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[][] cpuNs = new long[pieces.size()][ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      int i = 0;
      for (LongSupplier piece : pieces.values()) {
        long start = threads.getCurrentThreadCpuTime();
        sink += piece.getAsLong();
        cpuNs[i++][round] = threads.getCurrentThreadCpuTime() - start;
      }
    }
    int wordCount = words.length / 2;
    System.out.printf(Locale.ROOT, "%n%,d events, %,d EVT 3.0 words (%s order), %d rounds, CPU time medians%n",
        events.size(), wordCount, System.getProperty("sne.bench.order", "sensor"), ROUNDS);
    System.out.printf(Locale.ROOT, "%-40s %10s %10s %12s%n", "piece", "ms", "ns/word", "Mev/CPU s");
    int i = 0;
    for (String name : pieces.keySet()) {
      double medianNs = median(cpuNs[i++]);
      System.out.printf(Locale.ROOT, "%-40s %10.1f %10.2f %12.1f%n", name, medianNs / 1e6, medianNs / wordCount,
          events.size() / medianNs * 1e3);
    }
  }

  /** Results are summed here so that the JIT cannot drop a piece's work. */
  private static long sink;

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private interface ReaderFactory {
    EventReader open() throws IOException;
  }

  private static long decode(ReaderFactory factory) {
    long count = 0;
    try (EventReader reader = factory.open()) {
      EventBuffer packet = new EventBuffer();
      while (reader.next(packet)) {
        count += packet.size();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  private static byte[] wordsAfterHeader(byte[] file) {
    int start = 0;
    while (file[start] == '%') {
      while (file[start] != '\n') {
        start++;
      }
      start++;
    }
    return Arrays.copyOfRange(file, start, start + ((file.length - start) & ~1));
  }

  /** The same number of words, ADDR_Y and ADDR_X in turn: a type sequence the branch predictor learns. */
  private static byte[] alternatingAddresses(byte[] words) {
    byte[] alternating = words.clone();
    for (int i = 1; i < alternating.length; i += 2) {
      alternating[i] = (byte) (((i >> 1) & 1) == 0 ? 0x00 : 0x20);
    }
    return alternating;
  }

  private static int word(byte[] b, int pos) {
    return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
  }

  private static long scan(byte[] b) {
    long sum = 0;
    for (int pos = 0; pos < b.length; pos += 2) {
      sum += word(b, pos);
    }
    return sum;
  }

  /** The reader's switch on the word type, counting the types and nothing else. */
  private static long dispatch(byte[] b) {
    long addresses = 0;
    long vectors = 0;
    long times = 0;
    long rest = 0;
    for (int pos = 0; pos < b.length; pos += 2) {
      switch (word(b, pos) >>> 12) {
        case 0x0 -> addresses += 1;
        case 0x2 -> addresses += 2;
        case 0x3 -> vectors += 1;
        case 0x4, 0x5 -> vectors += 2;
        case 0x6 -> times += 1;
        case 0x8 -> times += 2;
        default -> rest++;
      }
    }
    return addresses + 3 * vectors + 5 * times + 7 * rest;
  }

  /** The reader's state updates and event values, summed instead of stored. */
  private static long decodeWithoutStores(byte[] b) {
    int y = 0;
    int baseX = 0;
    int polarity = 0;
    long timeHigh = 0;
    long timeLow = 0;
    long t = 0;
    long sum = 0;
    for (int pos = 0; pos < b.length; pos += 2) {
      int word = word(b, pos);
      switch (word >>> 12) {
        case 0x0 -> y = word & 0x7FF;
        case 0x2 -> sum += t + (word & 0x7FF) + 7L * y + ((word >>> 11) & 1);
        case 0x3 -> {
          baseX = word & 0x7FF;
          polarity = (word >>> 11) & 1;
        }
        case 0x4, 0x5 -> {
          int bits = (word >>> 12) == 0x4 ? 12 : 8;
          for (int mask = word & ((1 << bits) - 1); mask != 0; mask &= mask - 1) {
            sum += t + baseX + Integer.numberOfTrailingZeros(mask) + 7L * y + polarity;
          }
          baseX += bits;
        }
        case 0x6 -> {
          timeLow = word & 0xFFF;
          t = timeHigh << 12 | timeLow;
        }
        case 0x8 -> {
          timeHigh = word & 0xFFF;
          t = timeHigh << 12 | timeLow;
        }
        default -> sum++;
      }
    }
    return sum;
  }

  /** The four column stores of every event into 65,536-event packets, values from a counter. */
  private static long storesAlone(int events) {
    long[] ts = new long[DEFAULT_PACKET];
    int[] xs = new int[DEFAULT_PACKET];
    int[] ys = new int[DEFAULT_PACKET];
    byte[] ps = new byte[DEFAULT_PACKET];
    long check = 0;
    for (int done = 0; done < events; ) {
      int n = Math.min(DEFAULT_PACKET, events - done);
      for (int i = 0; i < n; i++) {
        ts[i] = done + i;
        xs[i] = i & 511;
        ys[i] = i & 255;
        ps[i] = (byte) (i & 1);
      }
      done += n;
      check += xs[n - 1] + ys[n - 1] + ps[n - 1] + ts[n - 1];
    }
    return check;
  }

  /**
   * Every word taken as ADDR_Y or ADDR_X without a branch (an event written for every word, counted
   * for ADDR_X only; x, polarity and y packed in one int): the floor of a branch-free decoder.
   */
  private static long addressKernel(byte[] b, long[] ts, int[] xs) {
    long total = 0;
    int y = 0;
    int n = 0;
    for (int pos = 0; pos < b.length; pos += 2) {
      int word = word(b, pos);
      int isX = (word >>> 13) & 1;
      ts[n] = pos;
      xs[n] = (word & 0xFFF) | y << 12;
      y = isX != 0 ? y : word & 0x7FF;
      n += isX;
      if (n == DEFAULT_PACKET) {
        total += n;
        n = 0;
      }
    }
    return total + n;
  }
}
