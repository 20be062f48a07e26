package io.sne.ingest.replay;

import io.sne.events.EventBuffer;
import io.sne.events.EventReader;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import io.sne.events.packet.Packetiser;
import io.sne.events.transform.StreamTransforms;
import io.sne.events.transform.TransformChain;
import io.sne.ingest.EventPacketEncoder;
import io.sne.schemas.TimestampClock;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * The packets of one planned stream, read lazily (one reader packet at a time, constant memory):
 * recordings in order, shifted onto the stream's timeline (see {@link StreamPlan}), repeated for
 * the requested number of passes, then an endOfStream packet. Packets are encoded from the
 * packetiser's columns as they are cut ({@link EventPacketEncoder}), not built as objects first.
 * Noise and filters ({@link StreamTransforms}) act on the stream's timeline, after the shift, so
 * their state runs on across recordings and passes as a camera's would.
 */
final class ReplayStream implements Closeable {
  private final StreamPlan plan;
  private final long sliceUs;
  private final long passes;
  private final Packetiser packetiser;
  private final EventPacketEncoder encoder;
  private final Packetiser.PacketColumns encodeInto;
  private final ArrayDeque<ReplayPacket> ready = new ArrayDeque<>();
  private final EventBuffer readBuffer = new EventBuffer();
  private final EventBuffer shifted = new EventBuffer();
  private final TransformChain transforms;
  private final EventBuffer transformed = new EventBuffer();

  private EventReader reader;
  private int segmentIndex = -1;
  private long pass;
  private boolean finished;
  /** Stream time of the current segment's origin, and the recording time mapped onto it. */
  private long offsetUs;
  private long rebaseUs;
  private boolean rebaseKnown;
  private long lastStreamTimeUs = -1;
  private long events;
  private long dropped;

  ReplayStream(StreamPlan plan, long sliceUs, long passes, StreamTransforms transforms) throws IOException {
    this.plan = plan;
    this.sliceUs = sliceUs;
    this.passes = passes;
    SensorGeometry recorded = geometryOf(plan);
    this.transforms = transforms.forStream(recorded, plan.streamId());
    SensorGeometry geometry = this.transforms.outputGeometry(recorded);
    String source = plan.segments().size() == 1 ? plan.segments().get(0).file().getFileName().toString() : null;
    this.packetiser = new Packetiser(plan.streamId(), geometry, sliceUs, source);
    this.encoder = new EventPacketEncoder(plan.streamId(), geometry.width(), geometry.height(), source);
    this.encodeInto = (sequence, packet, label, endOfStream, sliceEndUs) -> {
      int n = packet.size();
      ready.add(new ReplayPacket(plan.streamId(),
          encoder.encode(sequence, packet, TimestampClock.SENSOR, label, endOfStream, sliceEndUs),
          n, n > 0 ? packet.t(0) : 0, n > 0 ? packet.t(n - 1) : 0));
    };
  }

  /**
   * The first recording's sensor size; the packetiser rejects any later event outside it, so a
   * stream that mixes sensors fails with the offending event.
   */
  private static SensorGeometry geometryOf(StreamPlan plan) throws IOException {
    try (EventReader r = Recordings.open(plan.segments().get(0).file())) {
      return r.geometry().isKnown() ? r.geometry() : scanGeometry(r);
    }
  }

  /** A recording without a declared size (CSV, DAT): the smallest sensor holding its events. */
  private static SensorGeometry scanGeometry(EventReader reader) throws IOException {
    int maxX = 0;
    int maxY = 0;
    EventBuffer packet = new EventBuffer();
    while (reader.next(packet)) {
      for (int i = 0; i < packet.size(); i++) {
        maxX = Math.max(maxX, packet.x(i));
        maxY = Math.max(maxY, packet.y(i));
      }
    }
    return new SensorGeometry(maxX + 1, maxY + 1);
  }

  String streamId() {
    return plan.streamId();
  }

  long events() {
    return events;
  }

  /** Events that fell outside their sample's period and were not sent. */
  long dropped() {
    return dropped;
  }

  /** The next packet, or null once the stream has ended. */
  ReplayPacket next() throws IOException {
    while (ready.isEmpty() && !finished) {
      advance();
    }
    return ready.poll();
  }

  private void advance() throws IOException {
    if (reader == null && !openNextSegment()) {
      packetiser.finish(encodeInto);
      finished = true;
      return;
    }
    if (!reader.next(readBuffer)) {
      reader.close();
      reader = null;
      return;
    }
    Integer label = plan.segments().get(segmentIndex).label();
    // Shifts the packet onto the stream's timeline column by column (millions of events a second).
    int n = readBuffer.size();
    shifted.clear();
    shifted.ensureCapacity(n);
    long[] ts = readBuffer.timestampsUs();
    long[] shiftedTs = shifted.timestampsUs();
    int[] shiftedXs = shifted.xs();
    int[] shiftedYs = shifted.ys();
    byte[] shiftedPs = shifted.polarities();
    long periodUs = plan.periodUs();
    long lastUs = lastStreamTimeUs;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      long t = ts[i];
      if (!rebaseKnown) {
        rebaseUs = periodUs > 0 ? (t >= periodUs ? t : 0) : (lastUs < 0 ? 0 : t);
        rebaseKnown = true;
      }
      long relative = t - rebaseUs;
      if (periodUs > 0 && (relative < 0 || relative >= periodUs)) {
        dropped++;
        continue;
      }
      long streamTime = offsetUs + relative;
      if (streamTime < lastUs) {
        throw new IOException(plan.segments().get(segmentIndex).file() + ": event " + readBuffer.describe(i)
            + " is earlier than the one before it; replay needs time-ordered recordings");
      }
      lastUs = streamTime;
      shiftedTs[kept] = streamTime;
      shiftedXs[kept] = readBuffer.x(i);
      shiftedYs[kept] = readBuffer.y(i);
      shiftedPs[kept] = (byte) readBuffer.p(i);
      kept++;
    }
    shifted.setSize(kept);
    lastStreamTimeUs = lastUs;
    if (transforms.isEmpty()) {
      events += shifted.size();
      packetiser.add(shifted, label, encodeInto);
      return;
    }
    transformed.clear();
    transforms.apply(shifted, transformed);
    events += transformed.size();
    if (plan.periodUs() > 0) {
      addLabelledByPeriod(transformed);
    } else {
      packetiser.add(transformed, label, encodeInto);
    }
  }

  /**
   * Noise drawn in the gap before a recording's first event comes out with that event, yet lies in
   * an earlier sample's period: each run of events takes the label of the period it lies in, so a
   * window's label is never its successor's.
   */
  private void addLabelledByPeriod(EventBuffer events) {
    int from = 0;
    while (from < events.size()) {
      long period = Math.floorDiv(events.t(from), plan.periodUs());
      int to = from + 1;
      while (to < events.size() && Math.floorDiv(events.t(to), plan.periodUs()) == period) {
        to++;
      }
      int segment = (int) Math.floorMod(period, (long) plan.segments().size());
      packetiser.add(from == 0 && to == events.size() ? events : events.slice(from, to), plan.segments().get(segment).label(),
          encodeInto);
      from = to;
    }
  }

  private boolean openNextSegment() throws IOException {
    segmentIndex++;
    if (segmentIndex == plan.segments().size()) {
      pass++;
      if (pass >= passes) {
        return false;
      }
      segmentIndex = 0;
    }
    long globalIndex = pass * plan.segments().size() + segmentIndex;
    if (plan.periodUs() > 0) {
      offsetUs = globalIndex * plan.periodUs();
    } else {
      // Next slice boundary after the last event, so recordings never share a slice.
      offsetUs = lastStreamTimeUs < 0 ? 0 : (Math.floorDiv(lastStreamTimeUs, sliceUs) + 1) * sliceUs;
    }
    rebaseKnown = false;
    reader = Recordings.open(plan.segments().get(segmentIndex).file());
    return true;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
