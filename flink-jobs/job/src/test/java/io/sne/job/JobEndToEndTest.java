package io.sne.job;

import static io.sne.job.ClassificationAssertions.normalised;
import static org.assertj.core.api.Assertions.assertThat;

import io.sne.job.input.StreamPacket;
import io.sne.job.operator.ModelFile;
import io.sne.kafka.EmbeddedKafka;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.schemas.Classification;
import io.sne.schemas.DeadLetter;
import io.sne.schemas.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on real components: EventPackets in the embedded broker, the job in a Flink
 * MiniCluster with exactly-once checkpointing, Classifications and dead letters read back from
 * their topics by read_committed consumers.
 */
@Timeout(240)
class JobEndToEndTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final long W = TestModels.WINDOW_US;
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
  void outputEqualsTheBatchApiIsIndependentOfPacketisationAndBadPacketsAreDeadLettered() throws Exception {
    String in = "e2e-events";
    kafka.createTopic(in, 2);
    EventColumns a = EventColumns.random(21, 6, W, 80, TestModels.SENSOR, 4);
    EventColumns b = EventColumns.random(22, 5, W, 60, TestModels.SENSOR, 0);
    // "a-again" carries a's events cut into much larger packets, "a-promised" in packets that promise
    // their slice ends (steps close on the promise, not the watermark); both must classify identically.
    List<StreamPacket> packets = interleave(List.of(a.packets("a", 3_000, true), b.packets("b", 7_000, true),
        a.packets("a-again", 20_000, true), a.packets("a-promised", 5_000, true, true)));
    List<KafkaTestIO.Keyed> records = new ArrayList<>();
    for (int i = 0; i < packets.size(); i++) {
      records.add(new KafkaTestIO.Keyed(packets.get(i).streamId, bytes(packets.get(i))));
      if (i == 5) {
        records.add(new KafkaTestIO.Keyed("b", "garbage".getBytes(StandardCharsets.UTF_8)));
      }
      if (i == packets.size() / 2) {
        StreamPacket offSensor = EventColumns.random(23, 1, W, 5, TestModels.SENSOR, 0).packets("b", W, false).get(0);
        offSensor.xs[2] = TestModels.SENSOR + 1;
        records.add(new KafkaTestIO.Keyed("b", bytes(offSensor)));
      }
    }
    KafkaTestIO.produce(kafka.bootstrapServers(), in, records);

    JobSettings settings = settings(in, "e2e-out", "e2e-dead");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    SneJob.define(env, settings, model, true);
    env.execute("e2e");

    List<Classification> out = classifications("e2e-out", expectedCount(a, b, a, a));
    Map<String, List<Classification>> byStream = out.stream()
        .sorted(Comparator.comparingLong(Classification::getWindowIndex))
        .collect(Collectors.groupingBy(Classification::getStreamId));
    assertThat(byStream.keySet()).containsExactlyInAnyOrder("a", "b", "a-again", "a-promised");
    assertMatchesBatch(byStream.get("a"), a);
    assertMatchesBatch(byStream.get("b"), b);
    assertThat(normalised(byStream.get("a-again")).stream().map(c -> Classification.newBuilder(c).setStreamId("a").build()).toList())
        .isEqualTo(normalised(byStream.get("a")));
    assertThat(normalised(byStream.get("a-promised")).stream().map(c -> Classification.newBuilder(c).setStreamId("a").build()).toList())
        .isEqualTo(normalised(byStream.get("a")));

    List<DeadLetter> dead = KafkaTestIO.consume(kafka.bootstrapServers(), "e2e-dead", "read_committed", 2, Duration.ofSeconds(30))
        .stream().map(r -> KafkaTestIO.decode(r, DeadLetter.getDecoder()::decode)).toList();
    assertThat(dead).extracting(DeadLetter::getReason)
        .containsExactlyInAnyOrder(RejectReason.MALFORMED_BYTES, RejectReason.COORDINATE_OUT_OF_SENSOR);
  }

  @Test
  void deadLettersHaveOneWriterWhateverTheJobsParallelism() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    SneJob.define(env, settings("graph-events", "graph-out", "graph-dead"), model, true); // parallelism 2
    var nodes = env.getStreamGraph().getStreamNodes();
    assertThat(nodes).filteredOn(n -> n.getOperatorName().startsWith("dead-letters-sink"))
        .isNotEmpty().allSatisfy(n -> assertThat(n.getParallelism()).as(n.getOperatorName()).isEqualTo(1));
    assertThat(nodes).filteredOn(n -> n.getOperatorName().startsWith("sne-ensemble"))
        .singleElement().satisfies(n -> assertThat(n.getParallelism()).isEqualTo(2));
  }

  private static JobSettings settings(String in, String out, String dead) {
    return new JobSettings(kafka.bootstrapServers(), Path.of("unused"), new Properties(), in, out, dead, in + "-group",
        in + "-tx", 500, 50_000, 0, 60_000, 2, 5, JobSettings.DEFAULT_TRANSACTION_NAMING);
  }

  static int expectedCount(EventColumns... streams) {
    int n = 0;
    for (EventColumns s : streams) {
      n += s.nonEmptyWindows(W).size();
    }
    return n;
  }

  private static void assertMatchesBatch(List<Classification> out, EventColumns events) {
    ClassificationAssertions.assertMatchesBatch(out, events, ensemble);
  }

  private static List<Classification> classifications(String topic, int expected) {
    return KafkaTestIO.classifications(kafka.bootstrapServers(), topic, expected);
  }

  static byte[] bytes(StreamPacket p) {
    return TestPackets.bytes(p.toAvro());
  }

  /** Streams merged by packet end time, as live sources would deliver them. */
  static List<StreamPacket> interleave(List<List<StreamPacket>> streams) {
    List<StreamPacket> all = new ArrayList<>();
    streams.forEach(all::addAll);
    all.sort(Comparator.comparingLong(StreamPacket::lastTimestampUs));
    return all;
  }
}
