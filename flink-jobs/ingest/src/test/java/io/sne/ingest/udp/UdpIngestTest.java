package io.sne.ingest.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import io.sne.events.transform.StreamTransforms;
import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole ingest over a real loopback socket, into an in-memory sink (Kafka is covered by UdpIngestKafkaTest). */
class UdpIngestTest {
  private static final int WIDTH = 346;
  private static final int HEIGHT = 260;
  private static final long WRAP = 1L << 32;

  private final IngestMetrics metrics = new IngestMetrics();
  private final List<String> statusLines = new ArrayList<>();

  private UdpIngestConfig.Builder config() {
    return UdpIngestConfig.builder().bind("127.0.0.1", 0).streamId("cam-test").sensor(WIDTH, HEIGHT)
        .sliceUs(5_000).idleMs(60_000).statusIntervalMs(100); // streams end by close(), not idleness
  }

  @ParameterizedTest(name = "{0}-byte datagrams")
  @ValueSource(ints = {8, 64, 256, 512})
  void sensorTimestampedEventsArriveExactlyAndUnwrapAcrossTheCounterWrap(int payloadBytes) throws Exception {
    // Starts 50 ms before the 32-bit counter wraps, so the stream crosses it.
    List<SpifEvent> sent = TestEvents.random(3_000, WIDTH, HEIGHT, WRAP - 50_000, payloadBytes);
    CollectingPacketSink sink = new CollectingPacketSink();
    try (UdpIngest ingest = UdpIngest.start(config().build(), sink, metrics, statusLines::add);
        LoopbackSender sender = new LoopbackSender(ingest.localAddress(), () -> ingest.snapshot().datagrams())) {
      sender.send(SpifDatagrams.encode(sent, true, payloadBytes, ByteOrder.LITTLE_ENDIAN));
    }
    List<EventPacket> packets = sink.packets();
    assertThat(PacketEvents.of(packets)).containsExactlyElementsOf(sent);
    assertThat(sent.get(sent.size() - 1).timestampUs()).as("the test really crosses the wrap").isGreaterThan(WRAP);
    assertThat(packets).allSatisfy(p -> assertThat(p.getClock()).isEqualTo(TimestampClock.SENSOR));
    assertThat(packets).extracting(EventPacket::getSequence).isEqualTo(sequence(packets.size()));
    assertThat(packets.get(packets.size() - 1).getEndOfStream()).isTrue();
    assertThat(packets.subList(0, packets.size() - 1)).allSatisfy(p -> {
      assertThat(p.getEndOfStream()).isFalse();
      long first = p.getTimestampsUs().get(0);
      assertThat(p.getTimestampsUs()).isSorted()
          .allSatisfy(t -> assertThat(Math.floorDiv(t, 5_000)).isEqualTo(Math.floorDiv(first, 5_000)));
    });
  }

  @Test
  void filtersRunBeforeThePacketiserAndWhatTheyRemoveIsCounted() throws Exception {
    List<SpifEvent> sent = TestEvents.random(3_000, WIDTH, HEIGHT, 1_000_000, 64);
    StreamTransforms filters = StreamTransforms.parse(List.of(), List.of("crop:100,50,120,100", "refractory:20000"), 0);
    CollectingPacketSink sink = new CollectingPacketSink();
    IngestMetrics.Snapshot start = metrics.snapshot(0);
    try (UdpIngest ingest = UdpIngest.start(config().filters(filters).build(), sink, metrics, statusLines::add);
        LoopbackSender sender = new LoopbackSender(ingest.localAddress(), () -> ingest.snapshot().datagrams())) {
      sender.send(SpifDatagrams.encode(sent, true, 64, ByteOrder.LITTLE_ENDIAN));
    }
    IngestMetrics.Snapshot end = metrics.snapshot(0);
    // The same filters on the same events, all at once.
    EventBuffer all = new EventBuffer();
    sent.forEach(e -> all.add(e.timestampUs(), e.x(), e.y(), e.on() ? 1 : 0));
    EventBuffer kept = filters.forStream(new SensorGeometry(WIDTH, HEIGHT), "cam-test").apply(all);
    List<SpifEvent> expected = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      expected.add(new SpifEvent(kept.t(i), kept.x(i), kept.y(i), kept.p(i) != 0));
    }
    assertThat(expected.size()).isBetween(100, sent.size() / 2); // the crop and the refractory period both removed some
    List<EventPacket> packets = sink.packets();
    assertThat(PacketEvents.of(packets)).containsExactlyElementsOf(expected);
    assertThat(packets).allSatisfy(p -> {
      assertThat(p.getWidth()).isEqualTo(120);
      assertThat(p.getHeight()).isEqualTo(100);
    });
    assertThat(end.events()).isEqualTo(sent.size());
    assertThat(end.eventsFiltered()).isEqualTo(sent.size() - expected.size());
    assertThat(StatusLine.format(start, end, new SendLatencyWindow().drain()))
        .contains("filtered out " + (sent.size() - expected.size()) + " ev");
  }

  @ParameterizedTest(name = "{0}-byte datagrams")
  @ValueSource(ints = {4, 128, 512})
  void eventsWithoutTimestampsAreStampedWithTheArrivalClock(int payloadBytes) throws Exception {
    List<SpifEvent> sent = TestEvents.random(2_000, WIDTH, HEIGHT, 0, payloadBytes);
    CollectingPacketSink sink = new CollectingPacketSink();
    long beforeUs = epochMicros(Instant.now());
    try (UdpIngest ingest = UdpIngest.start(config().byteOrder(ByteOrder.BIG_ENDIAN).build(), sink, metrics,
            statusLines::add);
        LoopbackSender sender = new LoopbackSender(ingest.localAddress(), () -> ingest.snapshot().datagrams())) {
      sender.send(SpifDatagrams.encode(sent, false, payloadBytes, ByteOrder.BIG_ENDIAN));
    }
    long afterUs = epochMicros(Instant.now());
    List<EventPacket> packets = sink.packets();
    List<SpifEvent> received = PacketEvents.of(packets);
    assertThat(received).extracting(e -> List.of(e.x(), e.y(), e.on()))
        .containsExactlyElementsOf(sent.stream().map(e -> List.of(e.x(), e.y(), e.on())).toList());
    assertThat(received).extracting(SpifEvent::timestampUs).isSorted()
        .allSatisfy(t -> assertThat(t).isBetween(beforeUs - 1_000, afterUs + 1_000));
    assertThat(packets).allSatisfy(p -> assertThat(p.getClock()).isEqualTo(TimestampClock.ARRIVAL));
  }

  @Test
  void malformedDatagramsAreCountedAndSkippedAndIngestKeepsRunning() throws Exception {
    ByteOrder le = ByteOrder.LITTLE_ENDIAN;
    int good = SpifDatagrams.word(10, 20, true, true);
    List<byte[]> datagrams = List.of(
        SpifDatagrams.words(le, good, 1_000),
        new byte[] {1, 2, 3, 4, 5, 6},
        SpifDatagrams.words(le, good, 1_001, good),
        SpifDatagrams.words(le, SpifDatagrams.word(WIDTH, 0, true, false)),
        SpifDatagrams.words(le, SpifDatagrams.word(0, HEIGHT, true, false), good, 1_002),
        SpifDatagrams.words(le, good, 1_003));
    CollectingPacketSink sink = new CollectingPacketSink();
    UdpIngest ingest = UdpIngest.start(config().build(), sink, metrics, statusLines::add);
    try (ingest; LoopbackSender sender = new LoopbackSender(ingest.localAddress(), () -> ingest.snapshot().datagrams())) {
      sender.send(datagrams);
    }
    IngestMetrics.Snapshot end = ingest.snapshot();
    assertThat(PacketEvents.of(sink.packets()))
        .containsExactly(new SpifEvent(1_000, 10, 20, true), new SpifEvent(1_003, 10, 20, true));
    assertThat(end.malformed()).containsEntry(MalformedReason.LENGTH_NOT_MULTIPLE_OF_4, 1L)
        .containsEntry(MalformedReason.MISSING_TIMESTAMP_WORD, 1L)
        .containsEntry(MalformedReason.OUTSIDE_SENSOR, 2L);
    assertThat(end.datagrams()).isEqualTo(6);
    assertThat(end.events()).isEqualTo(2);
    assertThat(statusLines).last().asString()
        .contains("bad-length 1", "missing-timestamp 1", "outside-sensor 2", "datagrams 6", "events 2");
  }

  @Test
  void overloadDropsAreCountedSoEveryEventIsAccountedFor() throws Exception {
    List<SpifEvent> sent = TestEvents.random(40 * 16, WIDTH, HEIGHT, 0, 7);
    List<byte[]> datagrams = SpifDatagrams.encode(sent, true, 128, ByteOrder.LITTLE_ENDIAN);
    CountDownLatch brokerStalled = new CountDownLatch(1);
    CollectingPacketSink sink = new CollectingPacketSink() {
      @Override
      public void publish(EncodedEventPacket packet) {
        awaitQuietly(brokerStalled); // a stalled Kafka: the packetiser cannot hand packets on
        super.publish(packet);
      }
    };
    // One-event packets: the first publish stalls at once, while the queue holds two datagrams.
    UdpIngest ingest = UdpIngest.start(config().queueCapacity(2).maxPacketEvents(1).build(), sink, metrics,
        statusLines::add);
    try (ingest; LoopbackSender sender = new LoopbackSender(ingest.localAddress(), () -> ingest.snapshot().datagrams())) {
      sender.send(datagrams);
      brokerStalled.countDown();
    }
    IngestMetrics.Snapshot end = ingest.snapshot();
    assertThat(end.datagrams()).isEqualTo(datagrams.size());
    assertThat(end.queueFullDatagrams()).isGreaterThan(0);
    assertThat(end.events() + end.queueFullEvents()).isEqualTo(sent.size());
    assertThat(PacketEvents.of(sink.packets())).hasSize((int) end.events());
    assertThat(statusLines).last().asString().contains("queue-full " + end.queueFullDatagrams() + " dgrams/"
        + end.queueFullEvents() + " ev");
  }

  @Test
  void aStreamEndsAfterTheIdleTimeAndTheNextDatagramStartsAnotherWithTheSequenceContinuing() throws Exception {
    long idleMs = 500;
    List<SpifEvent> first = TestEvents.random(96, WIDTH, HEIGHT, 1_000, 31);
    List<SpifEvent> second = TestEvents.random(96, WIDTH, HEIGHT, 9_000_000, 32);
    CollectingPacketSink sink = new CollectingPacketSink();
    UdpIngest ingest = UdpIngest.start(config().idleMs(idleMs).build(), sink, metrics, statusLines::add);
    try (ingest; LoopbackSender sender = new LoopbackSender(ingest.localAddress(), () -> ingest.snapshot().datagrams())) {
      long sentAt = System.nanoTime();
      sender.send(SpifDatagrams.encode(first, true, 512, ByteOrder.LITTLE_ENDIAN));
      assertThat(ingest.awaitStreamEnd(Duration.ofSeconds(10))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).as("not before the idle time").isGreaterThanOrEqualTo(Duration.ofMillis(idleMs));
      List<EventPacket> firstStream = sink.packets();
      assertThat(firstStream).last().satisfies(p -> assertThat(p.getEndOfStream()).isTrue());
      assertThat(PacketEvents.of(firstStream)).containsExactlyElementsOf(first);

      sender.send(SpifDatagrams.encode(second, true, 512, ByteOrder.LITTLE_ENDIAN));
      assertThat(ingest.awaitStreamEnd(Duration.ofSeconds(10))).isTrue();
    }
    List<EventPacket> packets = sink.packets();
    assertThat(packets).filteredOn(EventPacket::getEndOfStream).hasSize(2);
    assertThat(packets).extracting(EventPacket::getSequence).isEqualTo(sequence(packets.size()));
    assertThat(metrics.snapshot(0).streamsEnded()).isEqualTo(2);
  }

  @Test
  void aNewStreamStartsWithFreshFilterStateSoARestartedClockIsNotFilteredOut() throws Exception {
    // The camera restarts: the second stream's clock starts again below the first one's. A refractory
    // filter that remembered the first stream would see every event as too soon and drop it.
    List<SpifEvent> first = TestEvents.random(96, WIDTH, HEIGHT, 5_000_000, 41);
    List<SpifEvent> second = TestEvents.random(96, WIDTH, HEIGHT, 1_000, 41); // the same pixels, earlier times
    StreamTransforms refractory = StreamTransforms.parse(List.of(), List.of("refractory:10000000"), 0);
    CollectingPacketSink sink = new CollectingPacketSink();
    UdpIngest ingest = UdpIngest.start(config().idleMs(300).filters(refractory).build(), sink, metrics, statusLines::add);
    try (ingest; LoopbackSender sender = new LoopbackSender(ingest.localAddress(), () -> ingest.snapshot().datagrams())) {
      sender.send(SpifDatagrams.encode(first, true, 512, ByteOrder.LITTLE_ENDIAN));
      assertThat(ingest.awaitStreamEnd(Duration.ofSeconds(10))).isTrue();
      int firstStreamEvents = PacketEvents.of(sink.packets()).size();
      assertThat(firstStreamEvents).isPositive();
      sender.send(SpifDatagrams.encode(second, true, 512, ByteOrder.LITTLE_ENDIAN));
      assertThat(ingest.awaitStreamEnd(Duration.ofSeconds(10))).isTrue();
      // The same events shifted in time: the fresh filter keeps exactly as many of them.
      assertThat(PacketEvents.of(sink.packets()).size()).isEqualTo(2 * firstStreamEvents);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Long> sequence(int n) {
    List<Long> numbers = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      numbers.add(i);
    }
    return numbers;
  }

  private static long epochMicros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
