package io.sne.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.LabelIndex;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import io.sne.events.packet.Packetiser;
import io.sne.events.transform.StreamTransforms;
import io.sne.ingest.EventPacketPublisher;
import io.sne.kafka.EmbeddedKafka;
import io.sne.schemas.EventPacket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sne replay against a real (embedded) Kafka broker, consuming what it published. */
class ReplayToKafkaTest {
  private static final Path SAMPLES = Path.of("../../samples/recordings/fashion-mnist-events");
  private static final long PERIOD_US = 300_000;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  private record Received(String key, EventPacket packet) {}

  private static List<Received> consumeAll(String topic, int expectedPackets) throws IOException {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<Received> received = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (received.size() < expectedPackets && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          received.add(new Received(new String(r.key(), StandardCharsets.UTF_8),
              EventPacket.getDecoder().decode(ByteBuffer.wrap(r.value()))));
        }
      }
    }
    return received;
  }

  /** Sample k's events shifted into [k * PERIOD_US, (k + 1) * PERIOD_US), as one stream. */
  private static EventBuffer samplesInTheirPeriods(List<LabelIndex.Entry> samples) throws IOException {
    EventBuffer stream = new EventBuffer();
    for (int k = 0; k < samples.size(); k++) {
      EventBuffer sample = Recordings.readAll(samples.get(k).file());
      for (int i = 0; i < sample.size(); i++) {
        stream.add(k * PERIOD_US + sample.t(i), sample.x(i), sample.y(i), sample.p(i));
      }
    }
    return stream;
  }

  @Test
  void aLabelledFolderBecomesOneStreamWithEachSampleInItsOwnPeriod() throws IOException {
    kafka.createTopic("labelled", 1);
    Replayer.Result result;
    try (EventPacketPublisher publisher = new EventPacketPublisher(kafka.bootstrapServers(), "labelled")) {
      result = Replayer.run(StreamPlan.of(List.of(SAMPLES), "demo", PERIOD_US),
          new Replayer.Options(10_000, 0, 1, false), publisher);
    }
    List<Received> received = consumeAll("labelled", (int) result.packets());

    List<LabelIndex.Entry> samples = LabelIndex.read(SAMPLES);
    EventBuffer expected = samplesInTheirPeriods(samples);
    EventBuffer got = new EventBuffer();
    for (int i = 0; i < received.size(); i++) {
      EventPacket packet = received.get(i).packet();
      assertThat(received.get(i).key()).isEqualTo("demo");
      assertThat(packet.getSequence()).isEqualTo(i);
      assertThat(packet.getEndOfStream()).isEqualTo(i == received.size() - 1);
      EventBuffer events = Packetiser.events(packet);
      if (!events.isEmpty()) {
        // Every packet lies in one sample's period and carries that sample's label.
        int sample = (int) (events.t(0) / PERIOD_US);
        assertThat(events.t(events.size() - 1) / PERIOD_US).isEqualTo(sample);
        assertThat(packet.getLabel()).isEqualTo(samples.get(sample).label());
        assertThat(events.t(events.size() - 1) - events.t(0)).isLessThan(10_000);
      }
      got.addAll(events);
    }
    assertThat(got).isEqualTo(expected);
    assertThat(result.events()).isEqualTo(expected.size());
    assertThat(result.droppedEvents()).isZero();
  }

  @Test
  void noiseAndFiltersActOnTheWholeStreamWhateverItsPackets() throws IOException {
    kafka.createTopic("transformed", 1);
    StreamTransforms transforms = StreamTransforms.parse(List.of("background:50", "drop:0.2"), List.of("crop:4,4,26,26"), 3);
    Replayer.Result result;
    try (EventPacketPublisher publisher = new EventPacketPublisher(kafka.bootstrapServers(), "transformed")) {
      result = Replayer.run(StreamPlan.of(List.of(SAMPLES), "noisy", PERIOD_US), new Replayer.Options(10_000, 0, 1, false),
          transforms, publisher);
    }
    List<Received> received = consumeAll("transformed", (int) result.packets());

    // The same chain applied to the whole stream at once, as one buffer.
    List<LabelIndex.Entry> samples = LabelIndex.read(SAMPLES);
    EventBuffer stream = samplesInTheirPeriods(samples);
    EventBuffer expected = transforms.forStream(new SensorGeometry(34, 34), "noisy").apply(stream);
    EventBuffer got = new EventBuffer();
    for (Received r : received) {
      assertThat(r.packet().getWidth()).isEqualTo(26);
      assertThat(r.packet().getHeight()).isEqualTo(26);
      EventBuffer events = Packetiser.events(r.packet());
      if (!events.isEmpty()) {
        // Noise in the gap before a sample is sent with the sample's first events, but keeps its own period's label.
        int sample = (int) (events.t(0) / PERIOD_US);
        assertThat(events.t(events.size() - 1) / PERIOD_US).isEqualTo(sample);
        assertThat(r.packet().getLabel()).isEqualTo(samples.get(sample).label());
      }
      got.addAll(events);
    }
    assertThat(got).isEqualTo(expected);
    assertThat(result.events()).isEqualTo(expected.size());
    assertThat(expected).isNotEqualTo(stream); // the noise did something
  }

  @Test
  void filesBecomeSeparateStreamsPacedInEventTime() throws IOException {
    kafka.createTopic("paced", 2);
    Path a = SAMPLES.resolve("test-00000.raw");
    Path b = SAMPLES.resolve("test-00001.raw");
    Replayer.Result result;
    try (EventPacketPublisher publisher = new EventPacketPublisher(kafka.bootstrapServers(), "paced")) {
      // 300 ms recordings at speed 2 take about 150 ms of wall time.
      result = Replayer.run(StreamPlan.of(List.of(a, b), null, PERIOD_US), new Replayer.Options(5_000, 2.0, 2, false),
          publisher);
    }
    assertThat(result.seconds()).isBetween(0.27, 3.0); // two passes: ~300 ms at speed 2
    List<Received> received = consumeAll("paced", (int) result.packets());
    Map<String, List<EventPacket>> byStream = new HashMap<>();
    for (Received r : received) {
      byStream.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.packet());
    }
    assertThat(byStream.keySet()).containsExactlyInAnyOrder("test-00000", "test-00001");
    for (Map.Entry<String, List<EventPacket>> stream : byStream.entrySet()) {
      List<EventPacket> packets = stream.getValue();
      EventBuffer once = Recordings.readAll(SAMPLES.resolve(stream.getKey() + ".raw"));
      long events = packets.stream().mapToLong(p -> p.getTimestampsUs().size()).sum();
      assertThat(events).isEqualTo(2L * once.size());
      for (int i = 0; i < packets.size(); i++) {
        assertThat(packets.get(i).getSequence()).isEqualTo(i);
        assertThat(packets.get(i).getLabel()).isNull();
      }
      assertThat(packets.get(packets.size() - 1).getEndOfStream()).isTrue();
      // The second pass continues the stream's time after the first.
      EventBuffer all = new EventBuffer();
      packets.forEach(p -> all.addAll(Packetiser.events(p)));
      assertThat(all.isTimeOrdered()).isTrue();
      assertThat(all.t(once.size())).isGreaterThan(once.t(once.size() - 1));
    }
  }
}
