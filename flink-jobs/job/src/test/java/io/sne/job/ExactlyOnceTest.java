package io.sne.job;

import static io.sne.job.ClassificationAssertions.normalised;
import static org.assertj.core.api.Assertions.assertThat;

import io.sne.job.input.StreamPacket;
import io.sne.job.kafka.KafkaConnectors;
import io.sne.job.operator.ModelFile;
import io.sne.kafka.EmbeddedKafka;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.schemas.Classification;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.TransactionListing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through interruptions: a task failure mid-stream with restart from a checkpoint, and a stop
 * with savepoint followed by a resume, each give a read_committed consumer the same
 * classifications as an uninterrupted run (which equals the runtime's batch API): none missing,
 * none twice.
 */
@Timeout(300)
class ExactlyOnceTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final long W = TestModels.WINDOW_US;
  private static EmbeddedKafka kafka;
  private static ModelFile model;
  private static SneEnsemble ensemble;

  @BeforeAll
  static void start() throws IOException {
    kafka = EmbeddedKafka.start();
    model = TestModels.cascadeFile(7);
    ensemble = SneEnsemble.of(model.load());
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void aFailureAndRestartFromACheckpointLosesAndDuplicatesNothing() throws Exception {
    Input input = input("eo-fail", 31);
    runThroughOneFailure("eo-fail", input, JobSettings.DEFAULT_TRANSACTION_NAMING, 0);

    assertThat(FailOnce.failures.get()).as("the injected failure happened").isEqualTo(1);
    assertExactlyTheExpected(KafkaTestIO.classifications(kafka.bootstrapServers(), "eo-fail-out", input.expected()),
        input);
  }

  @Test
  void aStopWithSavepointMidStreamAndResumeLosesAndDuplicatesNothing(@TempDir Path savepoints) throws Exception {
    Input input = input("eo-savepoint", 41);
    int cut = input.records().size() / 2;
    KafkaTestIO.produce(kafka.bootstrapServers(), "eo-savepoint", input.records().subList(0, cut));
    FailOnce.reset();
    StreamExecutionEnvironment first = environment();
    define(first, "eo-savepoint", "eo-savepoint-out", new FailOnce(), false);
    JobClient running = first.executeAsync("before-savepoint");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (KafkaTestIO.classifications(kafka.bootstrapServers(), "eo-savepoint-out", 1).isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    // Windows are open and events pending at the cut: the savepoint must carry them.
    String savepoint = running.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
        .get(60, TimeUnit.SECONDS);
    // At least one decision was seen committed above; waiting for it keeps a slow consumer-group join
    // from reading as "nothing committed".
    int beforeResume = KafkaTestIO.classifications(kafka.bootstrapServers(), "eo-savepoint-out", 1).size();
    assertThat(beforeResume).as("stopped part-way").isBetween(1, input.expected() - 1);

    KafkaTestIO.produce(kafka.bootstrapServers(), "eo-savepoint", input.records().subList(cut, input.records().size()));
    StreamExecutionEnvironment second = environment();
    define(second, "eo-savepoint", "eo-savepoint-out", new FailOnce(), false);
    StreamGraph graph = second.getStreamGraph();
    graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
    JobClient resumed = second.executeAsync(graph);
    while (KafkaTestIO.classifications(kafka.bootstrapServers(), "eo-savepoint-out", input.expected()).size()
        < input.expected() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    resumed.cancel().get(30, TimeUnit.SECONDS);
    assertExactlyTheExpected(KafkaTestIO.classifications(kafka.bootstrapServers(), "eo-savepoint-out", input.expected()),
        input);
  }

  /**
   * With {@code --transaction-naming pooling} the sinks reuse a few transactional ids (the broker
   * keeps every id it has seen for days; INCREMENTING takes a new one per checkpoint and subtask),
   * and a failure with restart still loses and duplicates nothing. Pooling needs the sinks' topics
   * to exist before the job starts.
   */
  @Test
  void poolingTransactionNamesReuseAFewIdsAndStayExactlyOnceThroughAFailure() throws Exception {
    Input input = input("eo-pool", 51);
    kafka.createTopic("eo-pool-out", 2);
    kafka.createTopic("eo-pool-dead", 1);
    int checkpoints = 20;
    runThroughOneFailure("eo-pool", input, TransactionNamingStrategy.POOLING, checkpoints);

    assertThat(FailOnce.failures.get()).as("the injected failure happened").isEqualTo(1);
    assertThat(FailOnce.checkpoints.get()).as("checkpoint notifications").isGreaterThanOrEqualTo(2 * checkpoints);
    assertExactlyTheExpected(KafkaTestIO.classifications(kafka.bootstrapServers(), "eo-pool-out", input.expected()),
        input);
    Set<String> ids;
    try (var admin = kafka.admin()) {
      ids = admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
          .map(TransactionListing::transactionalId)
          .filter(id -> id.startsWith("eo-pool-out-tx-classifications"))
          .collect(Collectors.toSet());
    }
    // Two sink subtasks, each with the transaction being written and a few waiting for their commit;
    // one id per checkpoint and subtask would be 2 x 20 or more.
    assertThat(ids).as("the classifications sink's transactional ids after %d+ checkpoints", checkpoints)
        .isNotEmpty().hasSizeLessThanOrEqualTo(8);
  }

  /**
   * Runs the job on {@code in} (output {@code in-out}) over the first half of the input; once
   * results are committed and two checkpoints complete, arms one failure and feeds the rest; waits
   * for every result and at least {@code minCheckpoints} checkpoints, then cancels. FailOnce runs in
   * both subtasks, so each completed checkpoint notifies it twice.
   */
  private static void runThroughOneFailure(String in, Input input, TransactionNamingStrategy naming,
      int minCheckpoints) throws Exception {
    String out = in + "-out";
    int cut = input.records().size() / 2;
    KafkaTestIO.produce(kafka.bootstrapServers(), in, input.records().subList(0, cut));
    FailOnce.reset();
    StreamExecutionEnvironment env = environment();
    define(env, in, out, new FailOnce(), false, naming);
    JobClient job = env.executeAsync("exactly-once through a failure: " + in);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    // A checkpoint with open windows and committed results exists before the failure.
    while ((KafkaTestIO.classifications(kafka.bootstrapServers(), out, 1).isEmpty()
        || FailOnce.checkpoints.get() < 4) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    FailOnce.armed.set(true);
    KafkaTestIO.produce(kafka.bootstrapServers(), in, input.records().subList(cut, input.records().size()));
    while ((KafkaTestIO.classifications(kafka.bootstrapServers(), out, input.expected()).size() < input.expected()
        || FailOnce.checkpoints.get() < 2 * minCheckpoints) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    job.cancel().get(30, TimeUnit.SECONDS);
  }

  private record Input(List<EventColumns> streams, List<String> ids, List<KafkaTestIO.Keyed> records, int expected) {}

  /** Three streams, each ending with an end-of-stream packet so its last window is flushed without more input. */
  private static Input input(String topic, long seed) {
    kafka.createTopic(topic, 2);
    List<EventColumns> streams = List.of(EventColumns.random(seed, 7, W, 60, TestModels.SENSOR, 0),
        EventColumns.random(seed + 1, 7, W, 50, TestModels.SENSOR, 3), EventColumns.random(seed + 2, 6, W, 70, TestModels.SENSOR, 0));
    List<String> ids = List.of("s0", "s1", "s2");
    List<StreamPacket> packets = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      packets.addAll(streams.get(i).packets(ids.get(i), 5_000 + 3_000L * i, true));
    }
    packets.sort(Comparator.comparingLong(StreamPacket::lastTimestampUs));
    List<KafkaTestIO.Keyed> records = new ArrayList<>();
    for (StreamPacket p : packets) {
      records.add(new KafkaTestIO.Keyed(p.streamId, JobEndToEndTest.bytes(p)));
    }
    return new Input(streams, ids, records, JobEndToEndTest.expectedCount(streams.toArray(EventColumns[]::new)));
  }

  private static void assertExactlyTheExpected(List<Classification> out, Input input) {
    assertThat(out).as("read_committed output").hasSize(input.expected());
    for (int i = 0; i < input.ids().size(); i++) {
      String id = input.ids().get(i);
      List<Classification> stream = out.stream().filter(c -> c.getStreamId().equals(id))
          .sorted(Comparator.comparingLong(Classification::getWindowIndex)).toList();
      ClassificationAssertions.assertMatchesBatch(stream, input.streams().get(i), ensemble);
    }
    assertThat(normalised(out)).doesNotHaveDuplicates();
  }

  private static StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(300, CheckpointingMode.EXACTLY_ONCE);
    return env;
  }

  /** The production graph; the classifications pass a test map (failure injection) before the real sink. */
  private static void define(StreamExecutionEnvironment env, String in, String out, FailOnce map,
      boolean boundedInput) {
    define(env, in, out, map, boundedInput, JobSettings.DEFAULT_TRANSACTION_NAMING);
  }

  private static void define(StreamExecutionEnvironment env, String in, String out, FailOnce map,
      boolean boundedInput, TransactionNamingStrategy naming) {
    Properties client = new Properties();
    Sinks sinks = new Sinks(
        classifications -> classifications.map(map).uid("test-map").name("test-map")
            .sinkTo(KafkaConnectors.classificationSink(kafka.bootstrapServers(), out, out + "-tx", client, naming))
            .uid("classifications-sink"),
        deadLetters -> deadLetters.sinkTo(KafkaConnectors.deadLetterSink(kafka.bootstrapServers(), in + "-dead",
            out + "-tx", client, naming)).uid("dead-letters-sink"));
    SneWorkflow.define(env, KafkaConnectors.source(kafka.bootstrapServers(), in, in + "-group", client, boundedInput),
        model, new SneWorkflow.Timing(50_000, Duration.ofMillis(500), 60_000), sinks);
  }

  /** Passes classifications through; once armed, fails the first one it sees, exactly once per test. */
  static final class FailOnce extends RichMapFunction<Classification, Classification> implements CheckpointListener {
    static final AtomicInteger failures = new AtomicInteger();
    static final AtomicInteger checkpoints = new AtomicInteger();
    static final AtomicBoolean armed = new AtomicBoolean();

    static void reset() {
      failures.set(0);
      checkpoints.set(0);
      armed.set(false);
    }

    @Override
    public Classification map(Classification c) {
      if (armed.compareAndSet(true, false)) {
        failures.incrementAndGet();
        throw new IllegalStateException("injected failure at " + c.getStreamId() + " window " + c.getWindowIndex());
      }
      return c;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpoints.incrementAndGet();
    }
  }
}
