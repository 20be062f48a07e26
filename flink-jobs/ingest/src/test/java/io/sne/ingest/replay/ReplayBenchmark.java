package io.sne.ingest.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sne.ingest.EventPacketPublisher;
import io.sne.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * Replay rate into the embedded broker, as fast as possible. Run on purpose only:
 * {@code mvn -B -q -pl flink-jobs/ingest -am test -Dtest=ReplayBenchmark -Dsne.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Each case runs {@value #RUNS} times (the first also warms up the JIT); the median is the figure.
 * The Gen3 cases run twice: with the publisher's producer settings and with the earlier ones
 * (linger.ms=2, 16 kB batches), to tell the settings' share from the encoder's.
 */
class ReplayBenchmark {
  private static final int RUNS = 3;

  @Test
  void replayRates() throws IOException {
    assumeTrue(Boolean.getBoolean("sne.bench"), "benchmark: run with -Dsne.bench=true");
    Path samples = Path.of("../../samples/recordings/fashion-mnist-events");
    Path gen3 = Path.of(System.getProperty("sne.samples.dir", "../../../shared/samples"), "expelliarmus_evt2_sample.raw");
    Properties earlierSettings = new Properties();
    earlierSettings.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    earlierSettings.put(ProducerConfig.BATCH_SIZE_CONFIG, "16384");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("bench", 4);
      run(kafka, "demo samples x20, 10 ms slices", StreamPlan.of(List.of(samples), "demo", 300_000), 10_000, 20,
          new Properties());
      run(kafka, "  same, earlier producer settings", StreamPlan.of(List.of(samples), "demo", 300_000), 10_000, 20,
          earlierSettings);
      if (Files.isRegularFile(gen3)) {
        for (long sliceUs : new long[] {10_000, 1_000}) {
          List<StreamPlan> plan = StreamPlan.of(List.of(gen3), null, 300_000);
          run(kafka, "Gen3 EVT 2.0 x10, " + sliceUs / 1000 + " ms slices", plan, sliceUs, 10, new Properties());
          run(kafka, "  same, earlier producer settings", plan, sliceUs, 10, earlierSettings);
        }
      }
    }
  }

  private static void run(EmbeddedKafka kafka, String name, List<StreamPlan> plans, long sliceUs, long passes,
      Properties settings) throws IOException {
    double[] rates = new double[RUNS];
    Replayer.Result result = null;
    for (int run = 0; run < RUNS; run++) {
      try (EventPacketPublisher publisher = new EventPacketPublisher(kafka.bootstrapServers(), "bench", settings,
          EventPacketPublisher.SendListener.NONE)) {
        result = Replayer.run(plans, new Replayer.Options(sliceUs, 0, passes, false), publisher);
        rates[run] = result.megaEventsPerSecond();
      }
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%n%-34s %,d events in %,d packets: median %.2f Mev/s (runs %s)%n", name,
        result.events(), result.packets(), sorted[RUNS / 2], Arrays.toString(Arrays.stream(rates)
            .map(r -> Math.round(r * 100) / 100.0).toArray()));
  }
}
