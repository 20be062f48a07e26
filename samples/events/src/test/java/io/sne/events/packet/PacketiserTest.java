package io.sne.events.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import io.sne.schemas.EventPacket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacketiserTest {
  private static final SensorGeometry SENSOR = new SensorGeometry(34, 34);

  private static EventBuffer events(long... timestamps) {
    EventBuffer events = new EventBuffer();
    for (int i = 0; i < timestamps.length; i++) {
      events.add(timestamps[i], i % 34, (i * 7) % 34, i % 2);
    }
    return events;
  }

  @Test
  void cutsOnTheAbsoluteSliceGridAndNumbersPacketsFromZero() {
    List<EventPacket> out = new ArrayList<>();
    Packetiser packetiser = new Packetiser("cam", SENSOR, 1000, "test");
    packetiser.add(events(500, 999, 1000, 1500), null, out::add);
    packetiser.add(events(4200), null, out::add);
    packetiser.finish(out::add);

    assertThat(out).extracting(p -> p.getTimestampsUs().size()).containsExactly(2, 2, 1);
    assertThat(out).extracting(EventPacket::getSequence).containsExactly(0L, 1L, 2L);
    assertThat(out).extracting(EventPacket::getEndOfStream).containsExactly(false, false, true);
    assertThat(out.get(1).getTimestampsUs()).containsExactly(1000L, 1500L);
    assertThat(out.get(0).getStreamId()).isEqualTo("cam");
    assertThat(out.get(0).getWidth()).isEqualTo(34);
  }

  @Test
  void columnsCarryTheSamePacketsAsEventPackets() {
    List<EventPacket> packets = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    Packetiser.PacketColumns describe = (sequence, events, label, endOfStream, sliceEndUs) ->
        columns.add(sequence + " " + label + " " + endOfStream + " " + sliceEndUs + " " + events.copy());
    Packetiser a = new Packetiser("s", SENSOR, 1000, 2, null);
    Packetiser b = new Packetiser("s", SENSOR, 1000, 2, null);
    a.add(events(10, 20, 30, 1500), 4, packets::add);
    b.add(events(10, 20, 30, 1500), 4, describe);
    a.add(events(1600), 5, packets::add);
    b.add(events(1600), 5, describe);
    a.finish(packets::add);
    b.finish(describe);
    assertThat(columns).containsExactlyElementsOf(packets.stream()
        .map(p -> p.getSequence() + " " + p.getLabel() + " " + p.getEndOfStream() + " " + p.getSliceEndUs() + " "
            + Packetiser.events(p))
        .toList());
    // [10, 20] (full at 2), [30] (slice ends), [1500] (label changes), [1600] (end of stream)
    assertThat(columns).hasSize(4);
  }

  @Test
  void aLabelChangeStartsANewPacketEvenInsideASlice() {
    List<EventPacket> out = new ArrayList<>();
    Packetiser packetiser = new Packetiser("s", SENSOR, 10_000, null);
    packetiser.add(events(100, 200), 3, out::add);
    packetiser.add(events(300, 400), 7, out::add);
    packetiser.finish(out::add);
    assertThat(out).extracting(EventPacket::getLabel).containsExactly(3, 7);
    assertThat(out.get(1).getEndOfStream()).isTrue();
  }

  @Test
  void aFullPacketIsCutBeforeTheSliceEnds() {
    List<EventPacket> out = new ArrayList<>();
    Packetiser packetiser = new Packetiser("s", SENSOR, 1_000_000, 3, null);
    packetiser.add(events(1, 2, 3, 4, 5, 6, 7), null, out::add);
    packetiser.finish(out::add);
    assertThat(out).extracting(p -> p.getTimestampsUs().size()).containsExactly(3, 3, 1);
  }

  @Test
  void finishingWithNothingPendingSendsAnEmptyEndOfStreamPacket() {
    List<EventPacket> out = new ArrayList<>();
    Packetiser packetiser = new Packetiser("s", SENSOR, 1000, null);
    packetiser.add(events(10), 1, out::add);
    packetiser.flush(out::add);
    packetiser.finish(out::add);
    assertThat(out).hasSize(2);
    assertThat(out.get(1).getTimestampsUs()).isEmpty();
    assertThat(out.get(1).getEndOfStream()).isTrue();
    assertThat(out.get(1).getSequence()).isEqualTo(1);
  }

  @Test
  void packetsSurviveTheAvroEncodingWithTheirEvents() throws IOException {
    List<EventPacket> out = new ArrayList<>();
    Packetiser packetiser = new Packetiser("s", SENSOR, 1000, "file.raw");
    EventBuffer sent = events(5, 6, 7, 800);
    packetiser.add(sent, 4, out::add);
    packetiser.finish(out::add);
    EventPacket decoded = EventPacket.getDecoder().decode(out.get(0).toByteBuffer());
    assertThat(Packetiser.events(decoded)).isEqualTo(sent);
    assertThat(decoded.getLabel()).isEqualTo(4);
    assertThat(decoded.getSource()).isEqualTo("file.raw");
  }

  @Test
  void eachPacketPromisesWhereItsSliceEndsOrWhatCutItEarly() {
    List<EventPacket> out = new ArrayList<>();
    Packetiser grid = new Packetiser("s", SENSOR, 1000, null);
    grid.add(events(500, 999, 1000, 1500), null, out::add);
    grid.add(events(4200), null, out::add);
    grid.finish(out::add);
    assertThat(out).extracting(EventPacket::getSliceEndUs).containsExactly(1000L, 2000L, 5000L);

    out.clear();
    Packetiser labels = new Packetiser("s", SENSOR, 10_000, 2, null);
    labels.add(events(100, 200), 3, out::add);
    labels.add(events(300, 400, 450), 7, out::add); // the label change cuts at 300, the full packet at 450
    labels.flush(out::add);
    labels.finish(out::add);
    assertThat(out).extracting(EventPacket::getSliceEndUs).containsExactly(300L, 450L, 450L, null);
  }

  @Test
  void noLaterPacketHoldsAnEventBelowAnEarlierPromise() {
    SplittableRandom random = new SplittableRandom(11);
    List<EventPacket> out = new ArrayList<>();
    Packetiser packetiser = new Packetiser("s", SENSOR, 700, 5, null);
    long t = 0;
    for (int batch = 0; batch < 200; batch++) {
      EventBuffer events = new EventBuffer();
      for (int i = random.nextInt(6); i > 0; i--) {
        t += random.nextInt(3) == 0 ? 0 : random.nextLong(400);
        events.add(t, random.nextInt(34), random.nextInt(34), random.nextInt(2));
      }
      packetiser.add(events, random.nextInt(3), out::add);
      if (random.nextInt(10) == 0) {
        packetiser.flush(out::add);
      }
    }
    packetiser.finish(out::add);
    assertThat(out).hasSizeGreaterThan(50);
    long promised = Long.MIN_VALUE;
    for (EventPacket p : out) {
      long bound = promised;
      assertThat(p.getTimestampsUs()).as("packet %d after a promise of %d", p.getSequence(), bound)
          .allMatch(ts -> ts >= bound);
      if (!p.getTimestampsUs().isEmpty()) {
        assertThat(p.getSliceEndUs()).isGreaterThanOrEqualTo(p.getTimestampsUs().get(p.getTimestampsUs().size() - 1));
        promised = Math.max(promised, p.getSliceEndUs());
      }
    }
  }

  @Test
  void rejectsEventsOutOfOrderOrOffTheSensor() {
    Packetiser packetiser = new Packetiser("s", SENSOR, 1000, null);
    assertThatThrownBy(() -> packetiser.add(events(10, 5), null, p -> { })).hasMessageContaining("time order");
    EventBuffer outside = new EventBuffer();
    outside.add(20, 34, 0, 1);
    assertThatThrownBy(() -> packetiser.add(outside, null, p -> { })).hasMessageContaining("outside the 34x34 sensor");
  }

  @Test
  void eventsBeforeARejectedOneStayInThePendingPacket() {
    List<EventPacket> out = new ArrayList<>();
    Packetiser packetiser = new Packetiser("s", SENSOR, 1000, null);
    assertThatThrownBy(() -> packetiser.add(events(10, 20, 5), null, out::add)).hasMessageContaining("time order");
    packetiser.finish(out::add);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getTimestampsUs()).containsExactly(10L, 20L);
  }

  @Test
  void randomStreamsAreCutOnlyAtSliceLabelOrSizeBoundaries() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    int max = 50;
    Packetiser packetiser = new Packetiser("s", SENSOR, 1000, max, null);
    List<EventPacket> out = new ArrayList<>();
    EventBuffer sent = new EventBuffer();
    List<Integer> sentLabels = new ArrayList<>();
    long t = 0;
    for (int chunk = 0; chunk < 300; chunk++) {
      Integer label = random.nextInt(4) == 0 ? null : random.nextInt(3);
      EventBuffer events = new EventBuffer();
      for (int i = random.nextInt(120); i > 0; i--) {
        t += random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(20);
        events.add(t, random.nextInt(34), random.nextInt(34), random.nextInt(2));
        sentLabels.add(label);
      }
      sent.addAll(events);
      packetiser.add(events, label, out::add);
    }
    packetiser.finish(out::add);

    EventBuffer received = new EventBuffer();
    for (int k = 0; k < out.size(); k++) {
      EventBuffer packet = Packetiser.events(out.get(k));
      if (packet.isEmpty()) {
        assertThat(k).isEqualTo(out.size() - 1); // only the end-of-stream packet may be empty
        continue;
      }
      assertThat(packet.size()).isLessThanOrEqualTo(max);
      assertThat(packet.t(packet.size() - 1) / 1000).isEqualTo(packet.t(0) / 1000);
      for (int i = 0; i < packet.size(); i++) {
        assertThat(sentLabels.get(received.size() + i)).isEqualTo(out.get(k).getLabel());
      }
      if (k + 1 < out.size() && !out.get(k + 1).getTimestampsUs().isEmpty()) {
        // A cut needs a reason: the packet is full, or the next one has another slice or label.
        EventPacket next = out.get(k + 1);
        boolean sameSliceAndLabel = next.getTimestampsUs().get(0) / 1000 == packet.t(0) / 1000
            && java.util.Objects.equals(next.getLabel(), out.get(k).getLabel());
        assertThat(packet.size() == max || !sameSliceAndLabel).isTrue();
      }
      received.addAll(packet);
    }
    assertThat(received).isEqualTo(sent);
  }
}
