package io.sne.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class EmbeddedKafkaTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void recordsProducedAreConsumedInOrderThroughAConsumerGroup() throws Exception {
    kafka.createTopic("plain", 2);
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      for (int i = 0; i < 50; i++) {
        producer.send(new ProducerRecord<>("plain", "key-" + (i % 3), "value-" + i)).get();
      }
    }
    List<ConsumerRecord<String, String>> records = consume("plain", "plain-group", "read_uncommitted", 50);
    assertThat(records).hasSize(50);
    for (String key : List.of("key-0", "key-1", "key-2")) {
      List<Integer> values = records.stream().filter(r -> r.key().equals(key))
          .map(r -> Integer.parseInt(r.value().substring("value-".length()))).toList();
      assertThat(values).isSorted().allMatch(v -> ("key-" + (v % 3)).equals(key));
    }
  }

  @Test
  void readCommittedConsumerSeesCommittedTransactionsOnlyOnce() throws Exception {
    kafka.createTopic("tx", 1);
    try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx", "k", "aborted-1"));
      producer.send(new ProducerRecord<>("tx", "k", "aborted-2"));
      producer.flush(); // put the aborted records in the log, so the read_committed check means something
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx", "k", "committed-1"));
      producer.send(new ProducerRecord<>("tx", "k", "committed-2"));
      producer.commitTransaction();
    }
    List<String> committed = consume("tx", "tx-rc", "read_committed", 2).stream().map(ConsumerRecord::value).toList();
    assertThat(committed).containsExactly("committed-1", "committed-2");
    // The aborted records are in the log: a read_uncommitted consumer sees all four.
    List<String> all = consume("tx", "tx-ru", "read_uncommitted", 4).stream().map(ConsumerRecord::value).toList();
    assertThat(all).containsExactly("aborted-1", "aborted-2", "committed-1", "committed-2");
  }

  @Test
  void closeStopsTheBrokerAndDeletesItsData() throws Exception {
    EmbeddedKafka other = EmbeddedKafka.start();
    Path dataDir = other.dataDir();
    String[] hostPort = other.bootstrapServers().split(":");
    other.createTopic("t", 1);
    assertThat(dataDir).isDirectory();
    assertThat(other.bootstrapServers()).isNotEqualTo(kafka.bootstrapServers());
    other.close();
    other.close(); // idempotent
    assertThat(Files.exists(dataDir)).isFalse();
    boolean listening;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 500);
      listening = true;
    } catch (java.io.IOException refused) {
      listening = false;
    }
    assertThat(listening).as("broker port still accepting connections after close").isFalse();
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
    Map<String, Object> config = new java.util.HashMap<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"));
    config.putAll(extra);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, String group, String isolation, int expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // A little longer: anything beyond `expected` (a leaked aborted record) must show up here.
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    return out;
  }
}
