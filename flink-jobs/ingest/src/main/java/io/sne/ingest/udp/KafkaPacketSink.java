package io.sne.ingest.udp;

import io.sne.ingest.EventPacketPublisher;
import java.util.Properties;

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
    publisher = new EventPacketPublisher(bootstrapServers, topic, producerSettings, new EventPacketPublisher.SendListener() {
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
