package io.sne.job.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The columnar reader against Avro's generated reader: on packets in the current schema they agree
 * field by field; on anything the columnar reader cannot read cleanly it steps aside (null).
 */
class PacketColumnsReaderTest {
  @Test
  void readsEveryFieldAsAvrosReaderDoesOnRandomPackets() throws Exception {
    SplittableRandom random = new SplittableRandom(17);
    for (int trial = 0; trial < 100; trial++) {
      EventPacket avro = randomPacket(random);
      byte[] bytes = avro.toByteBuffer().array();

      StreamPacket fast = PacketColumnsReader.read(bytes);
      StreamPacket reference = StreamPacket.of(EventPacket.getDecoder().decode(bytes));

      assertThat(fast).as("trial %d", trial).isNotNull();
      assertThat(fast).usingRecursiveComparison().as("trial %d", trial).isEqualTo(reference);
    }
  }

  @Test
  void extremeNumbersDecodeAsAvroDecodesThem() throws Exception {
    EventPacket avro = base().setSequence(Long.MIN_VALUE).setWidth(Integer.MAX_VALUE).setHeight(Integer.MIN_VALUE)
        .setTimestampsUs(List.of(Long.MIN_VALUE, -1L, 0L, 63L, 64L, Long.MAX_VALUE))
        .setXs(List.of(Integer.MIN_VALUE, -1, 0, 63, -64, Integer.MAX_VALUE))
        .setYs(List.of(Integer.MAX_VALUE, 8191, -8192, 1 << 20, -(1 << 27), Integer.MIN_VALUE + 1))
        .setPolarities(ByteBuffer.wrap(new byte[] {-128, 127, 0, 1, -1, 2}))
        .setLabel(Integer.MIN_VALUE).setSliceEndUs(Long.MAX_VALUE).build();
    byte[] bytes = avro.toByteBuffer().array();

    assertThat(PacketColumnsReader.read(bytes)).usingRecursiveComparison()
        .isEqualTo(StreamPacket.of(EventPacket.getDecoder().decode(bytes)));
  }

  @Test
  void arraysWrittenInSizedBlocksDecodeAsAvroDecodesThem() throws Exception {
    // Avro's blocking encoder splits arrays into blocks with negative counts followed by byte sizes.
    EventPacket avro = randomPacket(new SplittableRandom(5));
    while (avro.getTimestampsUs().size() < 200) {
      avro = randomPacket(new SplittableRandom(avro.getSequence()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Arrays.copyOf(base().build().toByteBuffer().array(), 10)); // the single-object header
    BinaryEncoder blocked = new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null);
    new SpecificDatumWriter<EventPacket>(EventPacket.getClassSchema()).write(avro, blocked);
    blocked.flush();
    byte[] bytes = out.toByteArray();
    assertThat(bytes).isNotEqualTo(avro.toByteBuffer().array()); // really another layout of the same record

    assertThat(PacketColumnsReader.read(bytes)).usingRecursiveComparison()
        .isEqualTo(StreamPacket.of(EventPacket.getDecoder().decode(bytes)));
  }

  @Test
  void columnsOfDifferentLengthsAreKeptForTheValidatorToReject() throws Exception {
    EventPacket avro = base().setTimestampsUs(List.of(1L, 2L, 3L)).setXs(List.of(0, 1)).setYs(List.of(0, 1, 2))
        .setPolarities(ByteBuffer.wrap(new byte[] {1, 0, 1})).build();

    StreamPacket fast = PacketColumnsReader.read(avro.toByteBuffer().array());

    assertThat(fast.timestampsUs).hasSize(3);
    assertThat(fast.xs).hasSize(2);
    assertThat(PacketValidator.check(fast)).get().extracting(Violation::message).asString()
        .contains("timestampsUs=3, xs=2");
  }

  @Test
  void stepsAsideForBytesItCannotReadCleanly() throws Exception {
    byte[] good = base().build().toByteBuffer().array();
    assertThat(PacketColumnsReader.read(good)).isNotNull();

    assertThat(PacketColumnsReader.read(Arrays.copyOf(good, good.length - 1))).as("truncated").isNull();
    assertThat(PacketColumnsReader.read(Arrays.copyOf(good, good.length + 1))).as("trailing byte").isNull();
    byte[] otherSchema = good.clone();
    otherSchema[5] ^= 0x40; // a fingerprint byte: another (e.g. older) schema, for Avro's reader to resolve
    assertThat(PacketColumnsReader.read(otherSchema)).as("other fingerprint").isNull();
    assertThat(PacketColumnsReader.read(new byte[] {1, 2, 3})).as("no header").isNull();
    assertThat(PacketColumnsReader.read(null)).isNull();
  }

  private static EventPacket.Builder base() {
    return EventPacket.newBuilder().setStreamId("cam").setSequence(1).setWidth(34).setHeight(34)
        .setTimestampsUs(List.of(5L)).setXs(List.of(3)).setYs(List.of(4)).setPolarities(ByteBuffer.wrap(new byte[] {1}))
        .setClock(TimestampClock.SENSOR);
  }

  private static EventPacket randomPacket(SplittableRandom r) {
    int n = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 600);
    List<Long> ts = new ArrayList<>(n);
    List<Integer> xs = new ArrayList<>(n);
    List<Integer> ys = new ArrayList<>(n);
    byte[] pol = new byte[n];
    long t = r.nextLong(-1L << 40, 1L << 40);
    for (int i = 0; i < n; i++) {
      t += r.nextInt(1_000);
      ts.add(t);
      xs.add(r.nextInt(-5, 5_000)); // out-of-sensor values too: reading must not judge them
      ys.add(r.nextInt(-5, 5_000));
      pol[i] = (byte) r.nextInt(-1, 3);
    }
    TimestampClock[] clocks = TimestampClock.values();
    return EventPacket.newBuilder()
        .setStreamId("stream-" + r.nextInt(1_000) + (r.nextBoolean() ? "-é" : ""))
        .setSequence(r.nextLong())
        .setWidth(r.nextInt(-2, 1_281))
        .setHeight(r.nextInt(-2, 721))
        .setTimestampsUs(ts).setXs(xs).setYs(ys).setPolarities(ByteBuffer.wrap(pol))
        .setClock(clocks[r.nextInt(clocks.length)])
        .setLabel(r.nextBoolean() ? null : r.nextInt(-3, 100))
        .setSource(r.nextBoolean() ? null : "file-" + r.nextInt(10) + ".raw")
        .setEndOfStream(r.nextBoolean())
        .setSliceEndUs(r.nextBoolean() ? null : r.nextLong())
        .build();
  }
}
