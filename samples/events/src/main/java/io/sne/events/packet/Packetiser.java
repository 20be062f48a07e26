package io.sne.events.packet;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts one stream's events into Avro {@link EventPacket}s, one per time slice: a packet holds the
 * events of [k * sliceUs, (k + 1) * sliceUs) on the absolute time grid, so slices of different
 * streams (and of a replay and a live run) line up. A packet also ends when the label changes (so
 * each packet carries exactly one sample's label) or when it holds {@code maxPacketEvents}.
 * Sequence numbers start at 0 and grow by 1; {@link #finish} emits a final packet with
 * {@code endOfStream = true} (empty if nothing is pending). Events must come in time order.
 *
 * <p>Every packet carries {@code sliceEndUs}, the schema's promise that no later packet of the
 * stream holds an event below it: the end of its slice, or the time of the event that cut it
 * early (label change, full packet), or its last event's time when flushed before a pause. The
 * streaming job closes the stream's time steps on it without waiting for a watermark.
 *
 * <p>Packets come out either as {@link EventPacket}s or, for callers that encode them straight
 * from primitive columns (the Kafka replay), as {@link PacketColumns} with no per-event objects.
 */
public final class Packetiser {
  public static final int DEFAULT_MAX_PACKET_EVENTS = 1 << 16;

  /**
   * Receives one packet as columns; {@code events} holds exactly its events and is reused after
   * the call; {@code sliceEndUs} is the packet's promise (null: none).
   */
  @FunctionalInterface
  public interface PacketColumns {
    void accept(long sequence, EventBuffer events, Integer label, boolean endOfStream, Long sliceEndUs);
  }

  private final String streamId;
  private final SensorGeometry geometry;
  private final long sliceUs;
  private final int maxPacketEvents;
  private final String source;
  private final EventBuffer pending = new EventBuffer(4096);
  private long pendingSlice;
  private Integer pendingLabel;
  private long nextSequence;
  private long lastTimestampUs = Long.MIN_VALUE;

  public Packetiser(String streamId, SensorGeometry geometry, long sliceUs, String source) {
    this(streamId, geometry, sliceUs, DEFAULT_MAX_PACKET_EVENTS, source);
  }

  public Packetiser(String streamId, SensorGeometry geometry, long sliceUs, int maxPacketEvents, String source) {
    if (sliceUs <= 0 || maxPacketEvents <= 0) {
      throw new IllegalArgumentException("slice and packet size must be positive: sliceUs=" + sliceUs);
    }
    if (!geometry.isKnown()) {
      throw new IllegalArgumentException("stream " + streamId + " needs a sensor size for its packets");
    }
    this.streamId = streamId;
    this.geometry = geometry;
    this.sliceUs = sliceUs;
    this.maxPacketEvents = maxPacketEvents;
    this.source = source;
  }

  /** Adds time-ordered events that all carry {@code label} (null = unknown); emits completed packets. */
  public void add(EventBuffer events, Integer label, Consumer<EventPacket> out) {
    add(events, label, asPackets(out));
  }

  /**
   * As {@link #add(EventBuffer, Integer, Consumer)}, emitting columns. Events are checked one by
   * one but copied into the pending packet a run at a time (a run ends with its slice or a full
   * packet): replay pushes millions of events a second through here.
   */
  public void add(EventBuffer events, Integer label, PacketColumns out) {
    long[] ts = events.timestampsUs();
    int n = events.size();
    int i = 0;
    while (i < n) {
      check(events, i);
      long slice = Math.floorDiv(ts[i], sliceUs);
      if (!pending.isEmpty()
          && (slice != pendingSlice || !Objects.equals(label, pendingLabel) || pending.size() == maxPacketEvents)) {
        // Events come in time order: nothing after this one is earlier than it or than the next slice.
        emit(false, Math.min(pendingSliceEndUs(), ts[i]), out);
      }
      if (pending.isEmpty()) {
        pendingSlice = slice;
        pendingLabel = label;
      }
      long sliceEndUs = (slice + 1) * sliceUs;
      int runEnd = i + (int) Math.min(n - i, maxPacketEvents - pending.size());
      int j = i + 1;
      // A bad event ends the run; the events before it are kept and the next check() throws.
      while (j < runEnd && ts[j] < sliceEndUs && accept(events, j)) {
        j++;
      }
      pending.addAll(events, i, j);
      i = j;
    }
  }

  /** Whether the event is in time order and on the sensor; if so it becomes the latest event. */
  private boolean accept(EventBuffer events, int i) {
    long t = events.t(i);
    if (t < lastTimestampUs || !geometry.contains(events.x(i), events.y(i))) {
      return false;
    }
    lastTimestampUs = t;
    return true;
  }

  /** As {@link #accept}, but a bad event is an error naming it. */
  private void check(EventBuffer events, int i) {
    if (accept(events, i)) {
      return;
    }
    if (events.t(i) < lastTimestampUs) {
      throw new IllegalArgumentException("stream " + streamId + ": events must be in time order; "
          + events.describe(i) + " follows t=" + lastTimestampUs);
    }
    throw new IllegalArgumentException("stream " + streamId + ": event " + events.describe(i)
        + " lies outside the " + geometry + " sensor");
  }

  /** Emits the pending events (if any) as the last packet, marked endOfStream. */
  public void finish(Consumer<EventPacket> out) {
    finish(asPackets(out));
  }

  public void finish(PacketColumns out) {
    emit(true, pending.isEmpty() ? null : pendingSliceEndUs(), out);
  }

  /** Emits the pending events, if any, without ending the stream (e.g. before a pause). */
  public void flush(Consumer<EventPacket> out) {
    if (!pending.isEmpty()) {
      // More events of this slice may follow: only the time already reached is promised.
      emit(false, lastTimestampUs, asPackets(out));
    }
  }

  public long packetsEmitted() {
    return nextSequence;
  }

  private long pendingSliceEndUs() {
    return (pendingSlice + 1) * sliceUs;
  }

  private void emit(boolean endOfStream, Long sliceEndUs, PacketColumns out) {
    out.accept(nextSequence++, pending, pending.isEmpty() ? null : pendingLabel, endOfStream, sliceEndUs);
    pending.clear();
  }

  private PacketColumns asPackets(Consumer<EventPacket> out) {
    return (sequence, events, label, endOfStream, sliceEndUs) ->
        out.accept(packet(sequence, events, label, endOfStream, sliceEndUs));
  }

  private EventPacket packet(long sequence, EventBuffer events, Integer label, boolean endOfStream, Long sliceEndUs) {
    int n = events.size();
    return EventPacket.newBuilder()
        .setStreamId(streamId)
        .setSequence(sequence)
        .setWidth(geometry.width())
        .setHeight(geometry.height())
        .setTimestampsUs(PrimitiveLists.longs(events.timestampsUs(), 0, n))
        .setXs(PrimitiveLists.ints(events.xs(), 0, n))
        .setYs(PrimitiveLists.ints(events.ys(), 0, n))
        .setPolarities(ByteBuffer.wrap(Arrays.copyOf(events.polarities(), n)))
        .setClock(TimestampClock.SENSOR)
        .setLabel(label)
        .setSource(source)
        .setEndOfStream(endOfStream)
        .setSliceEndUs(sliceEndUs)
        .build();
  }

  /** The events of a packet as an EventBuffer (for consumers and tests). */
  public static EventBuffer events(EventPacket packet) {
    int n = packet.getTimestampsUs().size();
    EventBuffer events = new EventBuffer(Math.max(1, n));
    ByteBuffer polarities = packet.getPolarities().duplicate();
    for (int i = 0; i < n; i++) {
      events.add(packet.getTimestampsUs().get(i), packet.getXs().get(i), packet.getYs().get(i),
          polarities.get(polarities.position() + i));
    }
    return events;
  }
}
