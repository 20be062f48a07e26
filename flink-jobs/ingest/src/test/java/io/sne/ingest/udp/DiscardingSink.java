package io.sne.ingest.udp;

/**
 * Acknowledges every packet at once and drops it: the ingest's whole cost (receive, decode,
 * packetise, Avro encoding) without a broker's, for the benchmark.
 */
final class DiscardingSink implements PacketSink {
  private final IngestMetrics metrics;

  DiscardingSink(IngestMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void publish(EncodedEventPacket packet) {
    metrics.packetAcked(packet.eventCount(), 0);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
