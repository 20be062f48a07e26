package io.sne.ingest.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPacketiserTest {
  private final CollectingPacketSink sink = new CollectingPacketSink();
  private final IngestMetrics metrics = new IngestMetrics();

  private EventPacketiser packetiser(long sliceUs, int maxEvents) {
    return new EventPacketiser("cam0", 640, 480, sliceUs, maxEvents, "udp://test", sink, metrics);
  }

  @Test
  void cutsPacketsAtSliceBoundariesAndNumbersThemFromZero() {
    EventPacketiser packetiser = packetiser(1_000, 100);
    packetiser.event(10, 1, 1, true, true);
    packetiser.event(999, 2, 2, false, true);
    packetiser.event(1_000, 3, 3, true, true); // first microsecond of the next slice
    packetiser.event(2_500, 4, 4, true, true); // skips a slice: no empty packet for it
    packetiser.endStream();

    List<EventPacket> packets = sink.packets();
    assertThat(packets).extracting(EventPacket::getSequence).containsExactly(0L, 1L, 2L, 3L);
    assertThat(packets).extracting(p -> p.getTimestampsUs())
        .containsExactly(List.of(10L, 999L), List.of(1_000L), List.of(2_500L), List.of());
    assertThat(packets).extracting(EventPacket::getEndOfStream).containsExactly(false, false, false, true);
    // Each packet promises the end of its slice (the last one, ended by endStream, promises nothing).
    assertThat(packets).extracting(EventPacket::getSliceEndUs).containsExactly(1_000L, 2_000L, null, null);
    assertThat(packets).allSatisfy(p -> {
      assertThat(p.getStreamId()).isEqualTo("cam0");
      assertThat(p.getWidth()).isEqualTo(640);
      assertThat(p.getHeight()).isEqualTo(480);
      assertThat(p.getClock()).isEqualTo(TimestampClock.SENSOR);
      assertThat(p.getSource()).isEqualTo("udp://test");
      assertThat(p.getLabel()).isNull();
    });
    assertThat(PacketEvents.of(packets)).containsExactly(new SpifEvent(10, 1, 1, true),
        new SpifEvent(999, 2, 2, false), new SpifEvent(1_000, 3, 3, true), new SpifEvent(2_500, 4, 4, true));
  }

  @Test
  void aFullPacketIsClosedEarly() {
    EventPacketiser packetiser = packetiser(1_000_000, 2);
    for (int i = 0; i < 5; i++) {
      packetiser.event(i, i, i, true, true);
    }
    packetiser.endStream();
    assertThat(sink.packets()).extracting(p -> p.getTimestampsUs().size()).containsExactly(2, 2, 1, 0);
    assertThat(sink.packets()).extracting(EventPacket::getSliceEndUs).containsExactly(2L, 4L, null, null);
  }

  @Test
  void aBackwardTimestampStartsANewPacketSoEachPacketStaysSorted() {
    EventPacketiser packetiser = packetiser(1_000_000, 100);
    packetiser.event(500, 1, 1, true, true);
    packetiser.event(400, 1, 1, true, true);
    packetiser.endStream();
    assertThat(sink.packets()).extracting(p -> p.getTimestampsUs())
        .containsExactly(List.of(500L), List.of(400L), List.of());
    assertThat(sink.packets().get(0).getSliceEndUs()).as("no promise across a regression").isNull();
    assertThat(metrics.snapshot(0).timestampRegressions()).isEqualTo(1);
  }

  @Test
  void packetsRecordWhichClockStampedTheirEvents() {
    EventPacketiser packetiser = packetiser(1_000_000_000, 100);
    packetiser.event(100, 1, 1, true, true);
    packetiser.event(1_700_000_000_000_000L, 1, 1, true, false);
    packetiser.endStream();
    assertThat(sink.packets()).extracting(EventPacket::getClock)
        .containsExactly(TimestampClock.SENSOR, TimestampClock.ARRIVAL, TimestampClock.ARRIVAL);
  }

  @Test
  void anOldPacketIsFlushedWithoutWaitingForTheNextSlice() {
    EventPacketiser packetiser = packetiser(1_000_000, 100);
    packetiser.event(5, 1, 1, true, true);
    packetiser.flushIfOlderThan(System.nanoTime(), 3_600_000_000_000L);
    assertThat(sink.packets()).as("still young").isEmpty();
    packetiser.flushIfOlderThan(System.nanoTime(), 0);
    assertThat(sink.packets()).hasSize(1);
    assertThat(sink.packets().get(0).getSliceEndUs()).as("more of the slice may come").isEqualTo(5L);
  }

  @Test
  void aStreamRestartingAfterItsEndContinuesTheSequence() {
    EventPacketiser packetiser = packetiser(1_000, 100);
    packetiser.event(5, 1, 1, true, true);
    packetiser.endStream();
    packetiser.endStream(); // nothing open: no second end marker
    packetiser.event(7, 1, 1, true, true);
    packetiser.endStream();
    assertThat(sink.packets()).extracting(EventPacket::getSequence).containsExactly(0L, 1L, 2L, 3L);
    assertThat(sink.packets()).extracting(EventPacket::getEndOfStream).containsExactly(false, true, false, true);
    assertThat(metrics.snapshot(0).streamsEnded()).isEqualTo(2);
  }
}
