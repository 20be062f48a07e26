package io.sne.ingest.udp;

/**
 * Where finished EventPackets go (Kafka in production). Kept this narrow so the Kafka publisher can
 * be swapped for the shared io.sne.ingest.EventPacketPublisher once it exists.
 */
public interface PacketSink extends AutoCloseable {
  /** Sends one packet. Never throws for a failed send: failures are counted in the ingest's metrics. */
  void publish(EncodedEventPacket packet);

  /** Blocks until every packet published so far is acknowledged or failed. */
  void flush();

  @Override
  void close();
}
