package io.sne.ingest.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.schemas.EventPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Keeps every published packet, decoded with the generated Avro decoder as a consumer would. */
class CollectingPacketSink implements PacketSink {
  private final List<EventPacket> packets = new ArrayList<>();

  @Override
  public synchronized void publish(EncodedEventPacket encoded) {
    try {
      EventPacket packet = EventPacket.getDecoder().decode(encoded.avro());
      assertThat(packet.getSequence()).isEqualTo(encoded.sequence());
      assertThat(packet.getTimestampsUs()).hasSize(encoded.eventCount());
      packets.add(packet);
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
