package io.sne.ingest.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sne.ingest.EventPacketPublisher;
import io.sne.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replay rate into the embedded broker, as fast as possible. Run on purpose only:
 * {@code mvn -B -q -pl flink-jobs/ingest -am test -Dtest=ReplayBenchmark -Dsne.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReplayBenchmark {
  @Test
  void replayRates() throws IOException {
    assumeTrue(Boolean.getBoolean("sne.bench"), "benchmark: run with -Dsne.bench=true");
    Path samples = Path.of("../../samples/recordings/fashion-mnist-events");
    Path gen3 = Path.of(System.getProperty("sne.samples.dir", "../../../shared/samples"), "expelliarmus_evt2_sample.raw");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("bench", 4);
      run(kafka, "demo samples x20, 10 ms slices", StreamPlan.of(List.of(samples), "demo", 300_000), 10_000, 20);
      if (Files.isRegularFile(gen3)) {
        run(kafka, "Gen3 EVT 2.0 x10, 10 ms slices", StreamPlan.of(List.of(gen3), null, 300_000), 10_000, 10);
        run(kafka, "Gen3 EVT 2.0 x10, 1 ms slices", StreamPlan.of(List.of(gen3), null, 300_000), 1_000, 10);
      }
    }
  }

  private static void run(EmbeddedKafka kafka, String name, List<StreamPlan> plans, long sliceUs, long passes)
      throws IOException {
    try (EventPacketPublisher publisher = new EventPacketPublisher(kafka.bootstrapServers(), "bench")) {
      Replayer.Result result = Replayer.run(plans, new Replayer.Options(sliceUs, 0, passes, false), publisher);
      System.out.printf("%n%-34s %s%n", name, result.summary());
    }
  }
}
