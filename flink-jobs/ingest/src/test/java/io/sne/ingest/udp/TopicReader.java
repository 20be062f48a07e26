package io.sne.ingest.udp;

import io.sne.schemas.EventPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic back as EventPackets grouped by record key, checking each key matches its packet's streamId. */
final class TopicReader {
  private TopicReader() {}

  /** Polls from the beginning until {@code done} holds for what was read, or fails after {@code timeout}. */
  static Map<String, List<EventPacket>> readUntil(String bootstrap, String topic,
      Predicate<Map<String, List<EventPacket>>> done, Duration timeout) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    Map<String, List<EventPacket>> byKey = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(byKey)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("topic " + topic + " did not deliver the expected packets in " + timeout
              + "; got packets per key: " + counts(byKey));
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          String key = new String(record.key(), StandardCharsets.UTF_8);
          EventPacket packet = decode(record.value());
          if (!packet.getStreamId().equals(key)) {
            throw new AssertionError("record key " + key + " but streamId " + packet.getStreamId());
          }
          byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(packet);
        }
      }
    }
    return byKey;
  }

  /** True once every given stream has delivered its endOfStream packet. */
  static Predicate<Map<String, List<EventPacket>>> ended(List<String> streamIds) {
    return byKey -> streamIds.stream().allMatch(id -> byKey.getOrDefault(id, List.of()).stream()
        .anyMatch(EventPacket::getEndOfStream));
  }

  private static EventPacket decode(byte[] value) {
    try {
      return EventPacket.getDecoder().decode(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Integer> counts(Map<String, List<EventPacket>> byKey) {
    Map<String, Integer> counts = new HashMap<>();
    byKey.forEach((k, v) -> counts.put(k, v.size()));
    return counts;
  }
}
