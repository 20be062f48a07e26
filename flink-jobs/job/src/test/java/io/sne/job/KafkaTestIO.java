package io.sne.job;

import io.sne.schemas.Classification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for tests: write records, read a topic's records back. */
final class KafkaTestIO {
  private KafkaTestIO() {}

  record Keyed(String key, byte[] value) {}

  static void produce(String bootstrap, String topic, List<Keyed> records) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Keyed r : records) {
        byte[] key = r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, r.value())).get();
      }
    }
  }

  /**
   * Reads {@code topic} from the beginning with {@code isolation} until {@code expected} records
   * arrived (or the timeout), then polls a little longer so surplus records (duplicates) show up.
   */
  static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, String topic, String isolation, int expected,
      Duration timeout) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    return out;
  }

  /** The Classifications on {@code topic} as a read_committed consumer sees them. */
  static List<Classification> classifications(String bootstrap, String topic, int expected) {
    return consume(bootstrap, topic, "read_committed", expected, Duration.ofSeconds(60)).stream()
        .map(r -> decode(r, Classification.getDecoder()::decode)).toList();
  }

  interface Decoder<T> {
    T decode(ByteBuffer bytes) throws IOException;
  }

  static <T> T decode(ConsumerRecord<byte[], byte[]> record, Decoder<T> decoder) {
    try {
      return decoder.decode(ByteBuffer.wrap(record.value()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
