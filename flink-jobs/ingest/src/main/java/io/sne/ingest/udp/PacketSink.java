package io.sne.ingest.udp;

import io.sne.schemas.EventPacket;

/**
 * Where finished EventPackets go (Kafka in production). Kept this narrow so the Kafka publisher can
 * be swapped for the shared io.sne.ingest.EventPacketPublisher once it exists.
 */
public interface PacketSink extends AutoCloseable {
  /**
   * Sends one packet. Its event columns are views over buffers the packetiser reuses: encode or
   * copy them before returning. Never throws for a failed send: failures are counted in metrics.
   */
  void publish(EventPacket packet);

  /** Blocks until every packet published so far is acknowledged or failed. */
  void flush();

  @Override
  void close();
}
