package io.sne.job.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StreamPacketSerializerTest {
  private static StreamPacket packet(int n, boolean nulls) {
    StreamPacket p = new StreamPacket();
    p.streamId = nulls ? null : "cam-" + n;
    p.sequence = 1L << 40 | n;
    p.width = 346;
    p.height = 260;
    p.timestampsUs = new long[n];
    p.xs = new int[n];
    p.ys = new int[n];
    p.polarities = new byte[n];
    for (int i = 0; i < n; i++) {
      p.timestampsUs[i] = -5 + 7_000_000_000L * i; // beyond 32 bits, and one negative
      p.xs[i] = i % 346;
      p.ys[i] = (i * 31) % 260;
      p.polarities[i] = (byte) (i & 1);
    }
    p.clock = nulls ? null : "SENSOR";
    p.label = nulls ? null : 7;
    p.source = nulls ? null : "recording.raw";
    p.endOfStream = !nulls;
    p.sliceEndUs = nulls ? null : 123_456L;
    p.kafkaTopic = nulls ? null : "events";
    p.kafkaPartition = 3;
    p.kafkaOffset = 1L << 33;
    return p;
  }

  @Test
  void flinkPicksTheColumnarSerializerForStreamPackets() {
    TypeInformation<StreamPacket> type = TypeInformation.of(StreamPacket.class);
    assertThat(type).isInstanceOf(StreamPacketTypeInfo.class);
    assertThat(type.createSerializer(new SerializerConfigImpl())).isInstanceOf(StreamPacketSerializer.class);
  }

  @Test
  void packetsRoundTripFieldForFieldIncludingNullsAndEmptyColumns() throws Exception {
    StreamPacket[] packets = {packet(1000, false), packet(0, true), packet(5, true)};
    packets[2].polarities = null;
    TypeSerializer<StreamPacket> serializer = new StreamPacketSerializer();
    DataOutputSerializer out = new DataOutputSerializer(16); // grows: records written back to back
    for (StreamPacket p : packets) {
      serializer.serialize(p, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    TypeSerializer<StreamPacket> reader = serializer.duplicate(); // a second thread's instance
    for (StreamPacket p : packets) {
      assertThat(reader.deserialize(in)).usingRecursiveComparison().isEqualTo(p);
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void copyIsDeep() {
    StreamPacket p = packet(10, false);
    StreamPacket c = new StreamPacketSerializer().copy(p);
    assertThat(c).usingRecursiveComparison().isEqualTo(p);
    c.xs[0] = 99;
    c.timestampsUs[0] = 99;
    assertThat(p.xs[0]).isZero();
    assertThat(p.timestampsUs[0]).isEqualTo(-5);
  }
}
