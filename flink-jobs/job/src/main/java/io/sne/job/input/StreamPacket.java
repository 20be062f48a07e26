package io.sne.job.input;

import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A validated {@link EventPacket} as it travels through the job: the same fields, with the event
 * columns as primitive arrays (Flink serialises them without boxing), plus the Kafka coordinates
 * it was read from so that events rejected later (late ones) can still name their origin.
 *
 * <p>Public fields and a no-argument constructor; Flink serialises it with {@link StreamPacketSerializer}.
 */
@TypeInfo(StreamPacketTypeInfo.Factory.class)
public final class StreamPacket {
  public String streamId;
  public long sequence;
  public int width;
  public int height;
  public long[] timestampsUs;
  public int[] xs;
  public int[] ys;
  public byte[] polarities;
  public String clock;
  public Integer label;
  public String source;
  public boolean endOfStream;
  /** The producer's promise: no later packet of this stream holds an event below this time (null: none). */
  public Long sliceEndUs;

  public String kafkaTopic;
  public int kafkaPartition;
  public long kafkaOffset;

  public StreamPacket() {}

  /** Copies a packet Avro decoded; each column keeps its own length (see {@link PacketValidator}). */
  public static StreamPacket of(EventPacket p) {
    StreamPacket s = new StreamPacket();
    s.streamId = p.getStreamId();
    s.sequence = p.getSequence();
    s.width = p.getWidth();
    s.height = p.getHeight();
    s.timestampsUs = p.getTimestampsUs().stream().mapToLong(Long::longValue).toArray();
    s.xs = p.getXs().stream().mapToInt(Integer::intValue).toArray();
    s.ys = p.getYs().stream().mapToInt(Integer::intValue).toArray();
    ByteBuffer pol = p.getPolarities().duplicate();
    s.polarities = new byte[pol.remaining()];
    pol.get(s.polarities);
    s.clock = p.getClock().name();
    s.label = p.getLabel();
    s.source = p.getSource();
    s.endOfStream = p.getEndOfStream();
    s.sliceEndUs = p.getSliceEndUs();
    return s;
  }

  /** The Avro packet with the same fields (Kafka coordinates are not part of it). */
  public EventPacket toAvro() {
    return toAvro(0, size());
  }

  /**
   * The Avro packet holding events {@code [from, to)} of this one, same header fields; the slice end
   * only when it holds them all (a part of the packet promises nothing).
   */
  public EventPacket toAvro(int from, int to) {
    List<Long> ts = new ArrayList<>(to - from);
    List<Integer> x = new ArrayList<>(to - from);
    List<Integer> y = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      ts.add(timestampsUs[i]);
      x.add(xs[i]);
      y.add(ys[i]);
    }
    byte[] pol = new byte[to - from];
    System.arraycopy(polarities, from, pol, 0, to - from);
    return EventPacket.newBuilder()
        .setStreamId(streamId).setSequence(sequence).setWidth(width).setHeight(height)
        .setTimestampsUs(ts).setXs(x).setYs(y).setPolarities(ByteBuffer.wrap(pol))
        .setClock(TimestampClock.valueOf(clock)).setLabel(label).setSource(source).setEndOfStream(endOfStream)
        .setSliceEndUs(from == 0 && to == size() ? sliceEndUs : null)
        .build();
  }

  public int size() {
    return timestampsUs.length;
  }

  /** Timestamp of the last event (the packet's event time), or {@link Long#MIN_VALUE} when empty. */
  public long lastTimestampUs() {
    return timestampsUs.length == 0 ? Long.MIN_VALUE : timestampsUs[timestampsUs.length - 1];
  }
}
