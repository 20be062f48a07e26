package io.sne.ingest.udp;

import io.sne.ingest.EventPacketPublisher;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The UDP ingest's Kafka sink: hands the already encoded packets to the shared
 * {@link EventPacketPublisher} (key = streamId, value = Avro single-object encoding) and feeds its
 * acknowledgements and failures into the ingest's metrics, so a failed send is counted, not fatal.
 */
public final class KafkaPacketSink implements PacketSink {
  private final EventPacketPublisher publisher;

  /**
   * @param producerSettings extra producer settings (security, tuning) that override the defaults
   */
  public KafkaPacketSink(String bootstrapServers, String topic, Properties producerSettings, IngestMetrics metrics) {
    Properties settings = new Properties();
    // Live packets are large (up to ~430 kB at 32768 events) and come in bursts: with the default
    // 16 kB batches every packet travels in a request of its own (measurements: docs/ingest.md).
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1 << 20));
    settings.putAll(producerSettings);
    publisher = new EventPacketPublisher(bootstrapServers, topic, settings, new EventPacketPublisher.SendListener() {
      @Override
      public void acked(String streamId, int events, long latencyNanos) {
        metrics.packetAcked(events, latencyNanos);
      }

      @Override
      public void failed(String streamId, int events, Exception error) {
        metrics.packetFailed(events, error);
      }
    });
  }

  @Override
  public void publish(EncodedEventPacket packet) {
    publisher.publish(packet.streamId(), packet.avro(), packet.eventCount());
  }

  @Override
  public void flush() {
    publisher.flush();
  }

  @Override
  public void close() {
    publisher.close();
  }
}
