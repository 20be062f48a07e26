package io.sne.ingest.udp;

import io.sne.schemas.EventPacket;
import java.util.ArrayList;
import java.util.List;

/** Flattens EventPackets back into events, for comparing with what a test sent. */
final class PacketEvents {
  private PacketEvents() {}

  static List<SpifEvent> of(List<EventPacket> packets) {
    List<SpifEvent> events = new ArrayList<>();
    for (EventPacket packet : packets) {
      byte[] polarities = new byte[packet.getPolarities().remaining()];
      packet.getPolarities().duplicate().get(polarities);
      for (int i = 0; i < packet.getTimestampsUs().size(); i++) {
        events.add(new SpifEvent(packet.getTimestampsUs().get(i), packet.getXs().get(i), packet.getYs().get(i),
            polarities[i] == 1));
      }
    }
    return events;
  }
}
