package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.kafka.EmbeddedKafka;
import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sne ingest udp} end to end: datagrams in over loopback, EventPackets out of a real (embedded) broker. */
class IngestUdpKafkaCommandTest {
  private static final String TOPIC = "cam.events";
  private static EmbeddedKafka kafka;
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
    kafka.createTopic(TOPIC, 1);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private int run(String... args) {
    picocli.CommandLine cli = SneCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void publishesTheEventsItReceivesAndExitsOnceTheStreamHasEnded() throws Exception {
    int port = freeUdpPort();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("ingest", "udp", "--port",
        Integer.toString(port), "--bootstrap", kafka.bootstrapServers(), "--topic", TOPIC, "--stream-id", "davis-1",
        "--width", "346", "--height", "260", "--byte-order", "big", "--idle-ms", "1000", "--status-interval-ms", "200",
        "--exit-after-stream"));
    awaitListening(port, exit, err);

    // 10 datagrams of 3 events: x = datagram, y = event, timestamps 1000 us apart, sent big-endian.
    try (DatagramChannel sender = DatagramChannel.open().connect(new InetSocketAddress("127.0.0.1", port))) {
      for (int d = 0; d < 10; d++) {
        ByteBuffer datagram = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        for (int e = 0; e < 3; e++) {
          datagram.putInt((d << 16) | (1 << 15) | e).putInt(1_000 * (3 * d + e));
        }
        sender.write(datagram.flip());
        Thread.sleep(2);
      }
    }

    assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
    List<EventPacket> packets = readTopic();
    List<List<Long>> events = new ArrayList<>();
    for (EventPacket p : packets) {
      assertThat(p.getClock()).isEqualTo(TimestampClock.SENSOR);
      for (int i = 0; i < p.getTimestampsUs().size(); i++) {
        events.add(List.of(p.getTimestampsUs().get(i), (long) p.getXs().get(i), (long) p.getYs().get(i),
            (long) p.getPolarities().get(i)));
      }
    }
    List<List<Long>> expected = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      for (int e = 0; e < 3; e++) {
        expected.add(List.of(1_000L * (3 * d + e), (long) d, (long) e, 1L));
      }
    }
    assertThat(events).isEqualTo(expected);
    assertThat(packets.get(packets.size() - 1).getEndOfStream()).isTrue();
    assertThat(err.toString()).contains("receiving on", "datagrams 10, events 30");
  }

  @Test
  void aMissingTopicIsReportedByName() {
    int code = run("ingest", "udp", "--port", "0", "--bootstrap", kafka.bootstrapServers(), "--topic", "no.such.topic",
        "--stream-id", "cam", "--width", "640", "--height", "480");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("topic 'no.such.topic' does not exist on " + kafka.bootstrapServers());
  }

  private static List<EventPacket> readTopic() throws Exception {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    List<EventPacket> packets = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (packets.isEmpty() || !packets.get(packets.size() - 1).getEndOfStream()) {
        assertThat(System.nanoTime()).as("endOfStream packet within 30 s").isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          assertThat(new String(record.key())).isEqualTo("davis-1");
          packets.add(EventPacket.getDecoder().decode(record.value()));
        }
      }
    }
    return packets;
  }

  private static int freeUdpPort() throws Exception {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      return probe.getLocalPort();
    }
  }

  /** Java's datagram sockets are dual-stack, so they are listed in udp6. */
  private static java.util.stream.Stream<String> udpTable() throws java.io.IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/net/udp")));
    if (Files.exists(Path.of("/proc/net/udp6"))) {
      lines.addAll(Files.readAllLines(Path.of("/proc/net/udp6")));
    }
    return lines.stream();
  }

  /** Waits until the command's socket shows up in the kernel's UDP tables (it binds after checking Kafka). */
  private static void awaitListening(int port, CompletableFuture<Integer> exit, StringWriter err) throws Exception {
    String local = String.format(":%04X ", port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (udpTable().noneMatch(line -> line.contains(local))) {
      assertThat(exit).as("the command exited before listening").isNotDone();
      assertThat(System.nanoTime()).as("listening within 30 s; stderr: %s", err).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
