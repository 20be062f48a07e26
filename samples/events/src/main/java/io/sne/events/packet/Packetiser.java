package io.sne.events.packet;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.nio.ByteBuffer;
import java.util.Arrays;
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
 */
public final class Packetiser {
  public static final int DEFAULT_MAX_PACKET_EVENTS = 1 << 16;

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
    for (int i = 0; i < events.size(); i++) {
      long t = events.t(i);
      if (t < lastTimestampUs) {
        throw new IllegalArgumentException("stream " + streamId + ": events must be in time order; "
            + events.describe(i) + " follows t=" + lastTimestampUs);
      }
      if (!geometry.contains(events.x(i), events.y(i))) {
        throw new IllegalArgumentException("stream " + streamId + ": event " + events.describe(i)
            + " lies outside the " + geometry + " sensor");
      }
      lastTimestampUs = t;
      long slice = Math.floorDiv(t, sliceUs);
      if (!pending.isEmpty()
          && (slice != pendingSlice || !java.util.Objects.equals(label, pendingLabel) || pending.size() == maxPacketEvents)) {
        // Events come in time order: nothing after this one is earlier than it or than the next slice.
        out.accept(build(false, Math.min(pendingSliceEndUs(), t)));
      }
      if (pending.isEmpty()) {
        pendingSlice = slice;
        pendingLabel = label;
      }
      pending.add(t, events.x(i), events.y(i), events.p(i));
    }
  }

  /** Emits the pending events (if any) as the last packet, marked endOfStream. */
  public void finish(Consumer<EventPacket> out) {
    out.accept(build(true, pending.isEmpty() ? null : pendingSliceEndUs()));
  }

  /** Emits the pending events, if any, without ending the stream (e.g. before a pause). */
  public void flush(Consumer<EventPacket> out) {
    if (!pending.isEmpty()) {
      // More events of this slice may follow: only the time already reached is promised.
      out.accept(build(false, lastTimestampUs));
    }
  }

  public long packetsEmitted() {
    return nextSequence;
  }

  private long pendingSliceEndUs() {
    return (pendingSlice + 1) * sliceUs;
  }

  private EventPacket build(boolean endOfStream, Long sliceEndUs) {
    int n = pending.size();
    EventPacket packet = EventPacket.newBuilder()
        .setStreamId(streamId)
        .setSequence(nextSequence++)
        .setWidth(geometry.width())
        .setHeight(geometry.height())
        .setTimestampsUs(PrimitiveLists.longs(pending.timestampsUs(), 0, n))
        .setXs(PrimitiveLists.ints(pending.xs(), 0, n))
        .setYs(PrimitiveLists.ints(pending.ys(), 0, n))
        .setPolarities(ByteBuffer.wrap(Arrays.copyOf(pending.polarities(), n)))
        .setClock(TimestampClock.SENSOR)
        .setLabel(n > 0 ? pendingLabel : null)
        .setSource(source)
        .setEndOfStream(endOfStream)
        .setSliceEndUs(sliceEndUs)
        .build();
    pending.clear();
    return packet;
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
