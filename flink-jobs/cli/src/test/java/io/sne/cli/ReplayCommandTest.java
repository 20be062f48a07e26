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
  /** sne replay of the demo folder with {@code options}, its standard output captured in {@code out}. */
  private static int replay(ByteArrayOutputStream out, String... options) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true));
    try {
      String[] args = new String[options.length + 2];
      args[0] = "replay";
      args[1] = "../../samples/recordings/fashion-mnist-events";
      System.arraycopy(options, 0, args, 2, options.length);
      return SneCli.commandLine().execute(args);
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void replaysTheDemoFolderAndPrintsTheClosingLine() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("events", 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit = replay(out, "--bootstrap", kafka.bootstrapServers(), "--topic", "events", "--as-fast-as-possible",
          "--slice-us", "50000");
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

  @Test
  void aBadFilterOrNoiseSpecStopsBeforeAnythingIsSent() {
    String[][] cases = {{"--filter", "blur:3", "unknown filter 'blur'"}, {"--noise", "background:-1", "the rate must be between 0 and"}};
    for (String[] bad : cases) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      var cli = SneCli.commandLine();
      cli.setErr(new java.io.PrintWriter(err, true));
      // No broker listens on h:1: the spec must be refused before a producer is made.
      int exit = cli.execute("replay", "../../samples/recordings/fashion-mnist-events", "--bootstrap", "h:1", "--topic", "t",
          bad[0], bad[1]);
      assertThat(exit).isNotZero();
      assertThat(err.toString()).contains(bad[2]);
    }
  }

  @Test
  void noiseAndFiltersAreNamedInTheClosingLines() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("noisy", 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit = replay(out, "--bootstrap", kafka.bootstrapServers(), "--topic", "noisy", "--as-fast-as-possible",
          "--noise", "drop:0.5", "--filter", "merge-polarities");
      assertThat(exit).isZero();
      assertThat(out.toString()).contains("transforms: noise drop 0.5 (seed 1); filters merge-polarities");
      // Half of the 155,303 events are dropped: 77,651 expected, sigma 197.
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("replayed ([0-9,]+) events").matcher(out.toString());
      assertThat(m.find()).isTrue();
      assertThat(Long.parseLong(m.group(1).replace(",", ""))).isBetween(76_650L, 78_650L);
    }
  }
}
