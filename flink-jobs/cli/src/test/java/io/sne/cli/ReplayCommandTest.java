package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.kafka.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class ReplayCommandTest {
  @Test
  void replaysTheDemoFolderAndPrintsTheClosingLine() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("events", 1);
      PrintStream original = System.out;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      System.setOut(new PrintStream(out, true));
      int exit;
      try {
        exit = SneCli.commandLine().execute("replay", "../../samples/recordings/fashion-mnist-events",
            "--bootstrap", kafka.bootstrapServers(), "--topic", "events", "--as-fast-as-possible", "--slice-us", "50000");
      } finally {
        System.setOut(original);
      }
      assertThat(exit).isZero();
      // 50 samples of 300 ms in 50 ms slices, each slice busy: 6 packets each (the last one marked end-of-stream).
      assertThat(out.toString()).containsPattern("replayed 155,303 events in 300 packets on 1 stream in [0-9.]+ s: [0-9.]+ Mev/s");

      Properties config = new Properties();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      config.put(ConsumerConfig.GROUP_ID_CONFIG, "check");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      int records = 0;
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of("events"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records < 300 && System.nanoTime() < deadline) {
          records += consumer.poll(Duration.ofMillis(200)).count();
        }
      }
      assertThat(records).isEqualTo(300);
    }
  }

  @Test
  void speedAndAsFastAsPossibleAreExclusive() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    var cli = SneCli.commandLine();
    cli.setErr(new java.io.PrintWriter(err, true));
    int exit = cli.execute("replay", "x.raw", "--bootstrap", "h:1", "--topic", "t", "--speed", "2", "--as-fast-as-possible");
    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("mutually exclusive");
  }
}
