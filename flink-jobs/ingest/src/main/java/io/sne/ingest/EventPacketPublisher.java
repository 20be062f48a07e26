package io.sne.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes EventPackets to one Kafka topic: key = streamId (UTF-8), so a stream's packets stay in
 * one partition and in order; value = the Avro single-object encoding ({@link EventPacketEncoder}
 * writes it from primitive columns). Shared by every ingest
 * path (file replay, UDP bridges). A failed send does not throw from {@link #publish}: it is
 * counted and reported to the listener, and the caller decides (replay fails at the end, a live
 * bridge keeps going).
 */
public final class EventPacketPublisher implements AutoCloseable {
  /** Told about every acknowledgement and failure, on the producer's I/O thread: keep it cheap. */
  public interface SendListener {
    SendListener NONE = new SendListener() { };

    default void acked(String streamId, int events, long latencyNanos) { }

    default void failed(String streamId, int events, Exception error) { }
  }

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final SendListener listener;
  private final AtomicLong packetsAcked = new AtomicLong();
  private final AtomicLong eventsAcked = new AtomicLong();
  private final AtomicLong packetsFailed = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  public EventPacketPublisher(String bootstrapServers, String topic) {
    this(bootstrapServers, topic, new Properties(), SendListener.NONE);
  }

  /**
   * @param producerSettings producer settings (security, tuning) applied over the defaults here
   */
  public EventPacketPublisher(String bootstrapServers, String topic, Properties producerSettings, SendListener listener) {
    this.topic = topic;
    this.listener = listener;
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Throughput settings; acks=all and idempotence stay. Packets range from ~1 kB (a 34x34 sample's
    // 10 ms slice) to ~600 kB (65,536 events): with the default 16 kB batches every large packet
    // travels in a request of its own and small ones in dozens (UDP ingest measurements:
    // docs/ingest.md). 1 MB batches hold hundreds of small packets or one large one, and a 5 ms
    // linger fills them when packets come fast; a live camera sends a packet per slice, so the
    // linger adds at most 5 ms to a packet's latency.
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1 << 20));
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 << 20));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "sne-ingest");
    config.putAll(producerSettings);
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Loads producer settings (e.g. SASL/SSL) from a properties file. */
  public static Properties settingsFrom(Path file) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Kafka settings " + file + ": " + e.getMessage(), e);
    }
    return properties;
  }

  /** Sends an already encoded packet (Avro single-object encoding of an EventPacket). */
  public void publish(String streamId, byte[] encodedPacket, int events) {
    byte[] key = streamId.getBytes(StandardCharsets.UTF_8);
    long sentAt = System.nanoTime();
    try {
      producer.send(new ProducerRecord<>(topic, key, encodedPacket), (metadata, error) -> {
        if (error == null) {
          packetsAcked.incrementAndGet();
          eventsAcked.addAndGet(events);
          listener.acked(streamId, events, System.nanoTime() - sentAt);
        } else {
          failed(streamId, events, error);
        }
      });
    } catch (RuntimeException e) { // buffer full past max.block.ms, record too large, closed producer
      failed(streamId, events, e);
    }
  }

  private void failed(String streamId, int events, Exception error) {
    packetsFailed.incrementAndGet();
    lastError.set(error.getClass().getSimpleName() + ": " + error.getMessage());
    listener.failed(streamId, events, error);
  }

  /** Blocks until every packet published so far is acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  public long packetsAcked() {
    return packetsAcked.get();
  }

  public long eventsAcked() {
    return eventsAcked.get();
  }

  public long packetsFailed() {
    return packetsFailed.get();
  }

  /** The most recent send failure, or null. */
  public String lastError() {
    return lastError.get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
