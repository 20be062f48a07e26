package io.sne.ingest.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.kafka.EmbeddedKafka;
import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPIF datagrams over loopback into a real (embedded) Kafka broker, read back with a consumer. */
class UdpIngestKafkaTest {
  private static final String TOPIC = "sne.events";
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
    kafka.createTopic(TOPIC, 3);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  /** One camera stream as a test sends it. */
  private record Stream(String id, boolean withTimestamps, int payloadBytes, ByteOrder order, List<SpifEvent> events) {}

  @Test
  void thePacketsInKafkaHoldExactlyTheEventsSentWithAndWithoutTimestampsAtSeveralDatagramSizes() throws Exception {
    long nearWrap = (1L << 32) - 20_000;
    List<Stream> streams = List.of(
        new Stream("ts-512", true, 512, ByteOrder.LITTLE_ENDIAN, TestEvents.random(2_500, WIDTH, HEIGHT, nearWrap, 11)),
        new Stream("ts-100", true, 100, ByteOrder.BIG_ENDIAN, TestEvents.random(800, WIDTH, HEIGHT, 0, 12)),
        new Stream("arrival-512", false, 512, ByteOrder.LITTLE_ENDIAN, TestEvents.random(2_500, WIDTH, HEIGHT, 0, 13)),
        new Stream("arrival-36", false, 36, ByteOrder.LITTLE_ENDIAN, TestEvents.random(500, WIDTH, HEIGHT, 0, 14)));
    Map<String, IngestMetrics.Snapshot> ends = new LinkedHashMap<>();
    List<String> statusLines = new ArrayList<>();
    for (Stream stream : streams) {
      ends.put(stream.id(), ingest(stream, List.of(), statusLines, new Properties()));
    }

    Map<String, List<EventPacket>> topic = TopicReader.readUntil(kafka.bootstrapServers(), TOPIC,
        TopicReader.ended(streams.stream().map(Stream::id).toList()), Duration.ofSeconds(30));

    for (Stream stream : streams) {
      List<EventPacket> packets = topic.get(stream.id());
      List<SpifEvent> received = PacketEvents.of(packets);
      if (stream.withTimestamps()) {
        assertThat(received).as(stream.id()).containsExactlyElementsOf(stream.events());
      } else {
        assertThat(received).as(stream.id()).extracting(e -> List.of(e.x(), e.y(), e.on()))
            .containsExactlyElementsOf(stream.events().stream().map(e -> List.of(e.x(), e.y(), e.on())).toList());
      }
      TimestampClock clock = stream.withTimestamps() ? TimestampClock.SENSOR : TimestampClock.ARRIVAL;
      assertThat(packets).as(stream.id()).allSatisfy(p -> {
        assertThat(p.getClock()).isEqualTo(clock);
        assertThat(p.getWidth()).isEqualTo(WIDTH);
        assertThat(p.getHeight()).isEqualTo(HEIGHT);
      });
      assertThat(packets).extracting(EventPacket::getSequence).as(stream.id())
          .isEqualTo(java.util.stream.LongStream.range(0, packets.size()).boxed().toList());
      assertThat(packets).filteredOn(EventPacket::getEndOfStream).as(stream.id()).hasSize(1);
      assertThat(packets.get(packets.size() - 1).getEndOfStream()).isTrue();

      IngestMetrics.Snapshot end = ends.get(stream.id());
      assertThat(end.eventsAcked()).as("acknowledged by the broker").isEqualTo(stream.events().size());
      assertThat(end.overloadDrops()).isZero();
      assertThat(end.malformedDatagrams()).isZero();
    }
    assertThat(topic.get("ts-512").get(topic.get("ts-512").size() - 2).getTimestampsUs())
        .as("the stream that started near the counter wrap ends beyond 2^32 us").allSatisfy(t -> assertThat(t).isGreaterThan(1L << 32));
    assertThat(statusLines).anySatisfy(line -> assertThat(line).contains("kafka send ms p50"));
  }

  @Test
  void malformedDatagramsAreCountedAndSkippedWhileTheGoodOnesReachKafka() throws Exception {
    List<SpifEvent> good = TestEvents.random(300, WIDTH, HEIGHT, 5_000, 21);
    List<byte[]> bad = List.of(
        new byte[] {9, 9, 9},
        SpifDatagrams.words(ByteOrder.LITTLE_ENDIAN, SpifDatagrams.word(1, 1, true, true)),
        SpifDatagrams.words(ByteOrder.LITTLE_ENDIAN, SpifDatagrams.word(WIDTH + 5, 1, true, false)));
    Stream stream = new Stream("with-garbage", true, 256, ByteOrder.LITTLE_ENDIAN, good);
    IngestMetrics.Snapshot end = ingest(stream, bad, new ArrayList<>(), new Properties());

    List<EventPacket> packets = TopicReader.readUntil(kafka.bootstrapServers(), TOPIC,
        TopicReader.ended(List.of(stream.id())), Duration.ofSeconds(30)).get(stream.id());
    assertThat(PacketEvents.of(packets)).containsExactlyElementsOf(good);
    assertThat(end.malformed()).containsEntry(MalformedReason.LENGTH_NOT_MULTIPLE_OF_4, 1L)
        .containsEntry(MalformedReason.MISSING_TIMESTAMP_WORD, 1L).containsEntry(MalformedReason.OUTSIDE_SENSOR, 1L);
  }

  @Test
  void aFailedSendIsCountedAndReportedAndTheIngestCarriesOn() throws Exception {
    // Packets of ~20 events (2 ms slices, ~100 us apart, ~13 bytes each) break a 250-byte request limit;
    // the empty end-of-stream packet (~130 bytes with the record overhead) does not.
    Properties tinyRequests = new Properties();
    tinyRequests.put("max.request.size", "250");
    List<SpifEvent> events = TestEvents.random(1_000, WIDTH, HEIGHT, 0, 41);
    List<String> statusLines = new ArrayList<>();
    IngestMetrics.Snapshot end =
        ingest(new Stream("too-large", true, 512, ByteOrder.LITTLE_ENDIAN, events), List.of(), statusLines, tinyRequests);

    assertThat(end.kafkaFailedPackets()).isPositive();
    assertThat(end.eventsAcked() + end.kafkaFailedEvents()).as("every event acked or counted as failed")
        .isEqualTo(events.size());
    assertThat(end.lastKafkaError()).contains("RecordTooLarge");
    assertThat(statusLines).last().asString().contains("kafka-failed " + end.kafkaFailedPackets() + " pkts", "(last: ");
    List<EventPacket> packets = TopicReader.readUntil(kafka.bootstrapServers(), TOPIC,
        TopicReader.ended(List.of("too-large")), Duration.ofSeconds(30)).get("too-large");
    assertThat(packets).last().satisfies(p -> assertThat(p.getEndOfStream()).isTrue());
  }

  /** Runs one ingest for one stream: sends the stream's datagrams with {@code garbage} interleaved, then ends it by closing. */
  private static IngestMetrics.Snapshot ingest(Stream stream, List<byte[]> garbage, List<String> statusLines,
      Properties producerSettings) throws Exception {
    UdpIngestConfig config = UdpIngestConfig.builder().bind("127.0.0.1", 0).streamId(stream.id())
        .sensor(WIDTH, HEIGHT).byteOrder(stream.order()).sliceUs(2_000).idleMs(60_000).statusIntervalMs(100).build(); // ended by close()
    List<byte[]> datagrams = new ArrayList<>(
        SpifDatagrams.encode(stream.events(), stream.withTimestamps(), stream.payloadBytes(), stream.order()));
    for (int i = 0; i < garbage.size(); i++) {
      datagrams.add(Math.min(datagrams.size(), 1 + 2 * i), garbage.get(i));
    }
    IngestMetrics metrics = new IngestMetrics();
    try (KafkaPacketSink sink = new KafkaPacketSink(kafka.bootstrapServers(), TOPIC, producerSettings, metrics)) {
      UdpIngest ingest = UdpIngest.start(config, sink, metrics, line -> {
        synchronized (statusLines) {
          statusLines.add(line);
        }
      });
      try (ingest; LoopbackSender sender = new LoopbackSender(ingest.localAddress(), () -> ingest.snapshot().datagrams())) {
        sender.send(datagrams);
      } // close: drains the queue, sends the endOfStream packet, flushes the producer
      return ingest.snapshot();
    }
  }
}
