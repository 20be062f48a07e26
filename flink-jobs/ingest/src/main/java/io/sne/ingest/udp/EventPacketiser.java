package io.sne.ingest.udp;

import io.sne.ingest.EventPacketEncoder;
import io.sne.schemas.TimestampClock;

/**
 * Collects decoded events into EventPackets, one per time slice of the stream, and numbers them.
 *
 * <p>A packet holds the events of one slice [k*sliceUs, (k+1)*sliceUs) on one clock, with
 * non-decreasing timestamps (the schema's contract). A new packet starts when an event belongs to
 * another slice, comes from the other clock, is earlier than its predecessor, or the packet is full;
 * {@link #flushIfOlderThan} also closes a packet that has waited too long in wall time, so a slow
 * stream is not held back. Columns are reused across packets: nothing is allocated per event.
 *
 * <p>A packet promises ({@code sliceEndUs}) that no later packet of the stream holds an event below
 * the end of its slice, or below the event that cut it early; a packet flushed for its age promises
 * only its last timestamp, and none is made across a change of clock or a timestamp regression.
 */
final class EventPacketiser implements EventSink {
  private final String streamId;
  private final long sliceUs;
  private final EventPacketEncoder encoder;
  private final PacketSink sink;
  private final IngestMetrics metrics;

  private final long[] timestampsUs;
  private final int[] xs;
  private final int[] ys;
  private final byte[] polarities;
  private int size;

  private long sliceIndex;
  private boolean sensorClock = true;
  private long openedAtNanos;
  private long lastTimestampUs = Long.MIN_VALUE;
  private boolean streamOpen;
  private long nextSequence;

  EventPacketiser(String streamId, int width, int height, long sliceUs, int maxPacketEvents, String source,
      PacketSink sink, IngestMetrics metrics) {
    this.streamId = streamId;
    this.sliceUs = sliceUs;
    this.encoder = new EventPacketEncoder(streamId, width, height, source);
    this.sink = sink;
    this.metrics = metrics;
    this.timestampsUs = new long[maxPacketEvents];
    this.xs = new int[maxPacketEvents];
    this.ys = new int[maxPacketEvents];
    this.polarities = new byte[maxPacketEvents];
  }

  @Override
  public void event(long timestampUs, int x, int y, boolean on, boolean fromSensorClock) {
    long slice = Math.floorDiv(timestampUs, sliceUs);
    boolean regression = timestampUs < lastTimestampUs && fromSensorClock == sensorClock;
    if (regression) {
      metrics.timestampRegression();
    }
    if (size > 0) {
      if (fromSensorClock != sensorClock || regression) {
        flush(null);
      } else if (slice != sliceIndex || size == timestampsUs.length) {
        flush(Math.min((sliceIndex + 1) * sliceUs, timestampUs));
      }
    }
    if (size == 0) {
      sliceIndex = slice;
      sensorClock = fromSensorClock;
      openedAtNanos = System.nanoTime();
    }
    timestampsUs[size] = timestampUs;
    xs[size] = x;
    ys[size] = y;
    polarities[size] = (byte) (on ? 1 : 0);
    size++;
    lastTimestampUs = timestampUs;
    streamOpen = true;
  }

  /** Publishes the open packet if it has been collecting for longer than {@code maxAgeNanos}. */
  void flushIfOlderThan(long nowNanos, long maxAgeNanos) {
    if (size > 0 && nowNanos - openedAtNanos >= maxAgeNanos) {
      flush(lastTimestampUs);
    }
  }

  /** Publishes the open packet, then an empty packet with endOfStream set. The next event starts a new stream. */
  void endStream() {
    if (!streamOpen) {
      return;
    }
    flush(null);
    publish(true, null);
    streamOpen = false;
    lastTimestampUs = Long.MIN_VALUE;
    metrics.streamEnded();
  }

  boolean streamOpen() {
    return streamOpen;
  }

  private void flush(Long sliceEndUs) {
    if (size > 0) {
      publish(false, sliceEndUs);
      size = 0;
    }
  }

  private void publish(boolean endOfStream, Long sliceEndUs) {
    int events = endOfStream ? 0 : size;
    long sequence = nextSequence++;
    byte[] avro = encoder.encode(sequence, timestampsUs, xs, ys, polarities, events,
        sensorClock ? TimestampClock.SENSOR : TimestampClock.ARRIVAL, endOfStream, sliceEndUs);
    sink.publish(new EncodedEventPacket(streamId, sequence, events, endOfStream, avro));
    metrics.packetSent();
  }
}
