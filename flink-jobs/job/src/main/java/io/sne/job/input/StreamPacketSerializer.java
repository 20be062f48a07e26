package io.sne.job.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's wire format for a {@link StreamPacket} between the decoding task and the keyed SNE
 * operator. The event columns go as raw little-endian blocks, one bulk copy each: the POJO
 * serializer wrote and read them an element at a time through the network buffers, and built
 * every packet by reflection. A packet is never kept in Flink state, so the format binds nothing
 * on disk; it still has a snapshot so that Flink can check compatibility.
 */
public final class StreamPacketSerializer extends TypeSerializer<StreamPacket> {
  private static final long serialVersionUID = 1L;

  // Null flags of the nullable fields, in one byte.
  private static final int LABEL = 1;
  private static final int SOURCE = 2;
  private static final int SLICE_END = 4;
  private static final int TOPIC = 8;
  private static final int STREAM_ID = 16;
  private static final int CLOCK = 32;

  /** Column bytes on their way in or out; per instance, and Flink gives each thread its own ({@link #duplicate}). */
  private transient ByteBuffer scratch;

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<StreamPacket> duplicate() {
    return new StreamPacketSerializer();
  }

  @Override
  public StreamPacket createInstance() {
    return new StreamPacket();
  }

  @Override
  public StreamPacket copy(StreamPacket from) {
    StreamPacket c = new StreamPacket();
    c.streamId = from.streamId;
    c.sequence = from.sequence;
    c.width = from.width;
    c.height = from.height;
    c.timestampsUs = from.timestampsUs == null ? null : from.timestampsUs.clone();
    c.xs = from.xs == null ? null : from.xs.clone();
    c.ys = from.ys == null ? null : from.ys.clone();
    c.polarities = from.polarities == null ? null : from.polarities.clone();
    c.clock = from.clock;
    c.label = from.label;
    c.source = from.source;
    c.endOfStream = from.endOfStream;
    c.sliceEndUs = from.sliceEndUs;
    c.kafkaTopic = from.kafkaTopic;
    c.kafkaPartition = from.kafkaPartition;
    c.kafkaOffset = from.kafkaOffset;
    return c;
  }

  @Override
  public StreamPacket copy(StreamPacket from, StreamPacket reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(StreamPacket p, DataOutputView out) throws IOException {
    int nulls = (p.label == null ? LABEL : 0) | (p.source == null ? SOURCE : 0) | (p.sliceEndUs == null ? SLICE_END : 0)
        | (p.kafkaTopic == null ? TOPIC : 0) | (p.streamId == null ? STREAM_ID : 0) | (p.clock == null ? CLOCK : 0);
    out.writeByte(nulls);
    writeString(out, p.streamId);
    out.writeLong(p.sequence);
    out.writeInt(p.width);
    out.writeInt(p.height);
    writeString(out, p.clock);
    if (p.label != null) {
      out.writeInt(p.label);
    }
    writeString(out, p.source);
    out.writeBoolean(p.endOfStream);
    if (p.sliceEndUs != null) {
      out.writeLong(p.sliceEndUs);
    }
    writeString(out, p.kafkaTopic);
    out.writeInt(p.kafkaPartition);
    out.writeLong(p.kafkaOffset);

    writeLongs(out, p.timestampsUs);
    writeInts(out, p.xs);
    writeInts(out, p.ys);
    out.writeInt(p.polarities == null ? -1 : p.polarities.length);
    if (p.polarities != null) {
      out.write(p.polarities);
    }
  }

  @Override
  public StreamPacket deserialize(DataInputView in) throws IOException {
    StreamPacket p = new StreamPacket();
    int nulls = in.readUnsignedByte();
    p.streamId = readString(in, nulls, STREAM_ID);
    p.sequence = in.readLong();
    p.width = in.readInt();
    p.height = in.readInt();
    p.clock = readString(in, nulls, CLOCK);
    p.label = (nulls & LABEL) != 0 ? null : in.readInt();
    p.source = readString(in, nulls, SOURCE);
    p.endOfStream = in.readBoolean();
    p.sliceEndUs = (nulls & SLICE_END) != 0 ? null : in.readLong();
    p.kafkaTopic = readString(in, nulls, TOPIC);
    p.kafkaPartition = in.readInt();
    p.kafkaOffset = in.readLong();

    p.timestampsUs = readLongs(in);
    p.xs = readInts(in);
    p.ys = readInts(in);
    int n = in.readInt();
    if (n >= 0) {
      p.polarities = new byte[n];
      in.readFully(p.polarities);
    }
    return p;
  }

  @Override
  public StreamPacket deserialize(StreamPacket reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  // A column is its length (-1: null), then its values.
  private void writeLongs(DataOutputView out, long[] v) throws IOException {
    out.writeInt(v == null ? -1 : v.length);
    if (v != null) {
      ByteBuffer b = scratch(8 * v.length);
      b.asLongBuffer().put(v);
      out.write(b.array(), 0, 8 * v.length);
    }
  }

  private void writeInts(DataOutputView out, int[] v) throws IOException {
    out.writeInt(v == null ? -1 : v.length);
    if (v != null) {
      ByteBuffer b = scratch(4 * v.length);
      b.asIntBuffer().put(v);
      out.write(b.array(), 0, 4 * v.length);
    }
  }

  private long[] readLongs(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    long[] v = new long[n];
    readBlock(in, 8L * n).asLongBuffer().get(v);
    return v;
  }

  private int[] readInts(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    int[] v = new int[n];
    readBlock(in, 4L * n).asIntBuffer().get(v);
    return v;
  }

  private ByteBuffer readBlock(DataInputView in, long bytes) throws IOException {
    if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) {
      throw new IOException("stream packet column of " + bytes + " bytes");
    }
    ByteBuffer b = scratch((int) bytes);
    in.readFully(b.array(), 0, (int) bytes);
    return b;
  }

  /** The scratch buffer, at least {@code bytes} long, positioned at 0 with its limit at {@code bytes}. */
  private ByteBuffer scratch(int bytes) {
    if (scratch == null || scratch.capacity() < bytes) {
      scratch = ByteBuffer.allocate(Math.max(bytes, 4096)).order(ByteOrder.LITTLE_ENDIAN);
    }
    scratch.clear().limit(bytes);
    return scratch;
  }

  private static void writeString(DataOutputView out, String s) throws IOException {
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readString(DataInputView in, int nulls, int flag) throws IOException {
    return (nulls & flag) != 0 ? null : in.readUTF();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamPacketSerializer;
  }

  @Override
  public int hashCode() {
    return StreamPacketSerializer.class.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<StreamPacket> snapshotConfiguration() {
    return new Snapshot();
  }

  /** No configuration: restoring needs only the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<StreamPacket> {
    public Snapshot() {
      super(StreamPacketSerializer::new);
    }
  }
}
