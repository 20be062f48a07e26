package io.sne.ingest.udp;

import io.sne.schemas.EventPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every published packet, round-tripped through the Avro single-object encoding exactly as
 * the Kafka sink sends it (which also copies it out of the packetiser's reused columns).
 */
class CollectingPacketSink implements PacketSink {
  private final List<EventPacket> packets = new ArrayList<>();

  @Override
  public synchronized void publish(EventPacket packet) {
    try {
      packets.add(EventPacket.getDecoder().decode(packet.toByteBuffer()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized List<EventPacket> packets() {
    return new ArrayList<>(packets);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
