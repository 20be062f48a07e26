package io.sne.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.job.input.StreamPacket;
import io.sne.job.kafka.KafkaConnectors;
import io.sne.kafka.EmbeddedKafka;
import io.sne.schemas.DeadLetter;
import io.sne.schemas.EventPacket;
import io.sne.schemas.RejectReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's input stage on real components: Avro EventPackets written to the embedded broker are
 * read by a Flink MiniCluster job through KafkaSource, decoded and validated; bad records become
 * dead letters with a reason instead of failing the job.
 */
@Timeout(180)
class InputStageTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void packetsComeOutEqualFieldByFieldAndBadRecordsBecomeDeadLetters() throws Exception {
    String topic = "input-stage";
    kafka.createTopic(topic, 2);
    List<EventPacket> good = new ArrayList<>();
    good.addAll(TestPackets.stream("cam-a", 6, 40, 10_000, 34, 34, 3, 1L));
    good.addAll(TestPackets.stream("cam-b", 6, 25, 10_000, 128, 96, null, 2L));

    byte[] valid = TestPackets.bytes(good.get(0));
    byte[] unknownFingerprint = valid.clone();
    unknownFingerprint[5] ^= 0x5A; // the 8-byte schema fingerprint follows the 2-byte marker
    byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
    byte[] notAvro = "{\"streamId\": \"cam-a\"}".getBytes(StandardCharsets.UTF_8);
    EventPacket shortColumn = EventPacket.newBuilder(good.get(1)).setXs(good.get(1).getXs().subList(0, 39)).build();
    EventPacket offSensor = EventPacket.newBuilder(good.get(2)).setYs(withValueAt(good.get(2).getYs(), 7, 34)).build();
    EventPacket backwards = EventPacket.newBuilder(good.get(3)).setTimestampsUs(swapped(good.get(3).getTimestampsUs())).build();
    EventPacket badPolarity = EventPacket.newBuilder(good.get(4)).setPolarities(ByteBuffer.wrap(new byte[40])).build();
    badPolarity.getPolarities().put(0, (byte) 7);

    Map<String, RejectReason> expectedReasons = Map.of(
        "unknown-fingerprint", RejectReason.UNKNOWN_SCHEMA,
        "truncated", RejectReason.MALFORMED_BYTES,
        "not-avro", RejectReason.MALFORMED_BYTES,
        "short-column", RejectReason.COLUMN_LENGTH_MISMATCH,
        "off-sensor", RejectReason.COORDINATE_OUT_OF_SENSOR,
        "backwards", RejectReason.TIMESTAMP_BACKWARDS,
        "bad-polarity", RejectReason.OTHER);
    Map<String, byte[]> badValues = Map.of(
        "unknown-fingerprint", unknownFingerprint, "truncated", truncated, "not-avro", notAvro,
        "short-column", TestPackets.bytes(shortColumn), "off-sensor", TestPackets.bytes(offSensor),
        "backwards", TestPackets.bytes(backwards), "bad-polarity", TestPackets.bytes(badPolarity));

    // Interleave: good packets in order per stream, a bad record after each of the first ones.
    List<KafkaTestIO.Keyed> records = new ArrayList<>();
    List<String> badKeys = new ArrayList<>(expectedReasons.keySet());
    badKeys.sort(null);
    int bad = 0;
    for (int i = 0; i < good.size(); i++) {
      records.add(new KafkaTestIO.Keyed(good.get(i).getStreamId(), TestPackets.bytes(good.get(i))));
      if (bad < badKeys.size()) {
        records.add(new KafkaTestIO.Keyed(badKeys.get(bad), badValues.get(badKeys.get(bad))));
        bad++;
      }
    }
    assertThat(bad).isEqualTo(badKeys.size());
    KafkaTestIO.produce(kafka.bootstrapServers(), topic, records);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    InputStage stage = InputStage.define(env,
        KafkaConnectors.source(kafka.bootstrapServers(), topic, "input-stage-test", new Properties(), true),
        50_000, Duration.ZERO);
    List<StreamPacket> packets = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    try (CloseableIterator<StreamPacket> p = stage.packets().collectAsync();
         CloseableIterator<DeadLetter> d = stage.deadLetters().collectAsync()) {
      JobClient job = env.executeAsync("input-stage-test");
      p.forEachRemaining(packets::add);
      d.forEachRemaining(deadLetters::add);
      job.getJobExecutionResult().get();
    }

    List<EventPacket> roundTripped = packets.stream().map(StreamPacket::toAvro).toList();
    assertThat(roundTripped).containsExactlyInAnyOrderElementsOf(good);
    for (String stream : List.of("cam-a", "cam-b")) {
      assertThat(packets.stream().filter(s -> s.streamId.equals(stream)).map(s -> s.sequence).toList())
          .as("per-stream order of %s (one stream = one partition)", stream).isSorted();
    }
    assertThat(packets).allSatisfy(s -> {
      assertThat(s.kafkaTopic).isEqualTo(topic);
      assertThat(s.kafkaOffset).isGreaterThanOrEqualTo(0);
    });

    Map<String, DeadLetter> byKey = deadLetters.stream()
        .collect(Collectors.toMap(d -> StandardCharsets.UTF_8.decode(d.getOriginalKey().duplicate()).toString(), d -> d));
    assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(expectedReasons.keySet());
    expectedReasons.forEach((key, reason) -> {
      DeadLetter d = byKey.get(key);
      assertThat(d.getReason()).as(key).isEqualTo(reason);
      assertThat(toArray(d.getOriginalValue())).as(key + ": original bytes kept").isEqualTo(badValues.get(key));
      assertThat(d.getTopic()).isEqualTo(topic);
      assertThat(d.getMessage()).as(key).contains(topic + "/" + d.getPartition() + "@" + d.getOffset());
    });
    assertThat(byKey.get("off-sensor").getMessage()).contains("event 7", "y=34", "34x34 sensor");
    assertThat(byKey.get("short-column").getMessage()).contains("xs=39", "timestampsUs=40");
    assertThat(byKey.get("short-column").getStreamId()).isEqualTo("cam-a");
  }

  private static List<Integer> withValueAt(List<Integer> values, int index, int value) {
    List<Integer> copy = new ArrayList<>(values);
    copy.set(index, value);
    return copy;
  }

  private static List<Long> swapped(List<Long> ts) {
    List<Long> copy = new ArrayList<>(ts);
    copy.set(0, ts.get(ts.size() - 1) + 1);
    return copy;
  }

  private static byte[] toArray(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
