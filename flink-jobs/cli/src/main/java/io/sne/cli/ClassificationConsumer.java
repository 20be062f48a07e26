package io.sne.cli;

import io.sne.schemas.Classification;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads Classifications from a topic as a {@code read_committed} consumer: only results of
 * committed (checkpointed) transactions, each once. Records that do not decode are counted, not fatal.
 */
final class ClassificationConsumer implements AutoCloseable {
  /**
   * How long the broker may hold a fetch that has nothing to return. Kafka's default, 500 ms, also
   * held back results that a commit had just made visible: in {@code sne bench e2e} the median
   * latency to a read_committed consumer at one stream was 121-124 ms with it and 45-69 ms with 10 ms
   * (two runs each). The price is an empty fetch every 10 ms while the topic is idle.
   */
  static final int FETCH_MAX_WAIT_MS = 10;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private long undecodable;

  /** @param fromBeginning read the topic from its start instead of only new results */
  ClassificationConsumer(String bootstrap, String topic, Properties client, boolean fromBeginning) {
    Properties config = new Properties();
    config.putAll(client);
    config.putAll(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "sne-tail-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
    consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  List<Classification> poll(Duration timeout) {
    List<Classification> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      try {
        out.add(Classification.getDecoder().decode(ByteBuffer.wrap(r.value())));
      } catch (IOException | RuntimeException e) {
        undecodable++;
      }
    }
    return out;
  }

  long undecodable() {
    return undecodable;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
