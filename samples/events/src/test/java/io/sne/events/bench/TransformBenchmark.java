package io.sne.events.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sne.events.EventBuffer;
import io.sne.events.Recordings;
import io.sne.events.SampleRecordings;
import io.sne.events.SensorGeometry;
import io.sne.events.transform.EventTransform;
import io.sne.events.transform.StreamTransforms;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Rate of each --filter and --noise on one core, in Mev/s of input, the way replay, convert and
 * the UDP ingest run them: packet by packet (65,536 events) through a fresh per-stream chain. Run
 * on purpose only:
 * {@code mvn -B -q -pl samples/events -am test -Dtest=TransformBenchmark -Dsne.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Data: the real Gen3 EVT 2.0 recording (539,481 events in 50 ms, 640x480, about 11 Mev/s of
 * sensor rate) repeated 20 times. Baseline in the same run: copying the packets unchanged, so
 * the ratios hold on a noisy machine. Rates per CPU second of the benchmark thread, median of 7
 * runs after 2 warm-ups.
 */
class TransformBenchmark {
  private static final int RUNS = 7;
  private static final int WARMUPS = 2;
  private static final int PACKET = 65_536;

  @Test
  void transformRates() throws IOException {
    assumeTrue(Boolean.getBoolean("sne.bench"), "benchmark: run with -Dsne.bench=true");
    EventBuffer events = DecodeBenchmark.repeated(Recordings.readAll(SampleRecordings.require("expelliarmus_evt2_sample.raw")));
    List<EventBuffer> packets = new ArrayList<>();
    for (int from = 0; from < events.size(); from += PACKET) {
      packets.add(events.slice(from, Math.min(events.size(), from + PACKET)));
    }
    SensorGeometry sensor = new SensorGeometry(640, 480);
    String[][] cases = {
        {"copy (baseline)", null},
        {"denoise:1000", "f"}, {"denoise:10000", "f"}, {"refractory:1000", "f"}, {"hot-pixel:300:100000", "f"},
        {"crop:160,120,320,240", "f"}, {"downsample:2", "f"}, {"merge-polarities", "f"},
        {"background:20", "n"}, {"hot-pixels:0.02", "n"}, {"drop:0.5", "n"}};
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf(Locale.ROOT, "%n%d events in %d packets, %s%n", events.size(), packets.size(), sensor);
    System.out.printf(Locale.ROOT, "| transform | out / in | Mev/s per CPU s (median) | best | vs copy |%n|---|---|---|---|---|%n");
    double baseline = 0;
    for (String[] c : cases) {
      StreamTransforms spec = c[1] == null ? StreamTransforms.NONE
          : c[1].equals("f") ? StreamTransforms.parse(List.of(), List.of(c[0]), 1) : StreamTransforms.parse(List.of(c[0]), List.of(), 1);
      double[] rates = new double[RUNS];
      long out = 0;
      for (int run = -WARMUPS; run < RUNS; run++) {
        EventTransform chain = spec.forStream(sensor, "bench");
        EventBuffer target = new EventBuffer(PACKET * 4);
        long cpuStart = threads.getCurrentThreadCpuTime();
        out = 0;
        for (EventBuffer packet : packets) {
          target.clear();
          chain.apply(packet, target);
          out += target.size();
        }
        double seconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (run >= 0) {
          rates[run] = events.size() / seconds / 1e6;
        }
      }
      double median = median(rates);
      if (c[1] == null) {
        baseline = median;
      }
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.1f | %.1f | %.2f |%n", c[0], (double) out / events.size(), median,
          Arrays.stream(rates).max().orElse(0), median / baseline);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
