package io.sne.job.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.schemas.EventPacket;
import io.sne.schemas.RejectReason;
import io.sne.schemas.TimestampClock;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Decoding across schema versions, and the slice-end rule, without Flink or Kafka. */
class PacketDecoderTest {
  private final PacketDecoder decoder = new PacketDecoder();

  @Test
  void aPacketWrittenWithTheFirstReleasedSchemaIsReadWithoutASliceEnd() throws Exception {
    Schema released;
    try (InputStream in = PacketDecoder.class.getResourceAsStream("EventPacket-1.avsc")) {
      released = new Schema.Parser().parse(in);
    }
    assertThat(released.getField("sliceEndUs")).as("the released schema predates the field").isNull();
    GenericRecord old = new GenericData.Record(released);
    old.put("streamId", "old-cam");
    old.put("sequence", 3L);
    old.put("width", 34);
    old.put("height", 34);
    old.put("timestampsUs", List.of(10L, 20L));
    old.put("xs", List.of(1, 2));
    old.put("ys", List.of(3, 4));
    old.put("polarities", ByteBuffer.wrap(new byte[] {0, 1}));
    old.put("clock", new GenericData.EnumSymbol(released.getField("clock").schema(), "SENSOR"));
    old.put("label", 5);
    old.put("source", null);
    old.put("endOfStream", false);
    byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(old).array();

    DecodedRecord r = decoder.decode(null, bytes, "t", 0, 7, 0);

    assertThat(r.isAccepted()).as(() -> String.valueOf(r.deadLetter)).isTrue();
    assertThat(r.packet.streamId).isEqualTo("old-cam");
    assertThat(r.packet.timestampsUs).containsExactly(10L, 20L);
    assertThat(r.packet.label).isEqualTo(5);
    assertThat(r.packet.sliceEndUs).isNull();
  }

  @Test
  void aSliceEndBeforeThePacketsLastEventIsRejectedNamingBoth() throws Exception {
    EventPacket p = EventPacket.newBuilder().setStreamId("cam").setSequence(0).setWidth(4).setHeight(4)
        .setTimestampsUs(List.of(100L, 250L)).setXs(List.of(0, 1)).setYs(List.of(2, 3))
        .setPolarities(ByteBuffer.wrap(new byte[] {1, 0})).setClock(TimestampClock.SENSOR).setSliceEndUs(200L).build();

    DecodedRecord bad = decoder.decode(null, p.toByteBuffer().array(), "t", 1, 9, 0);
    assertThat(bad.isAccepted()).isFalse();
    assertThat(bad.deadLetter.getReason()).isEqualTo(RejectReason.OTHER);
    assertThat(bad.deadLetter.getMessage()).contains("t/1@9", "sliceEndUs 200", "last event at 250 us");

    p.setSliceEndUs(250L); // equal to the last event: later events at 250 are still allowed
    DecodedRecord good = decoder.decode(null, p.toByteBuffer().array(), "t", 1, 10, 0);
    assertThat(good.isAccepted()).isTrue();
    assertThat(good.packet.sliceEndUs).isEqualTo(250L);
    assertThat(good.packet.toAvro()).isEqualTo(p);
  }
}
