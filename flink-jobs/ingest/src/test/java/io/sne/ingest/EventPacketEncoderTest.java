package io.sne.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written encoder must produce exactly the bytes of the generated Avro class. */
class EventPacketEncoderTest {

  @ParameterizedTest(name = "{0} events")
  @ValueSource(ints = {0, 1, 63, 64, 1000, 40_000})
  void writesTheSameBytesAsTheGeneratedAvroEncoder(int size) throws Exception {
    Random random = new Random(size);
    long[] timestampsUs = new long[size];
    int[] xs = new int[size];
    int[] ys = new int[size];
    byte[] polarities = new byte[size];
    long t = 1L << 40; // beyond 32 bits, as unwrapped and arrival-clock times are
    for (int i = 0; i < size; i++) {
      t += random.nextInt(1_000);
      timestampsUs[i] = t;
      xs[i] = random.nextInt(32_768);
      ys[i] = random.nextInt(32_768);
      polarities[i] = (byte) random.nextInt(2);
    }
    Long sliceEndUs = size == 0 ? null : t + 1;
    byte[] ours = new EventPacketEncoder("cam-é", 32_768, 480, "udp://127.0.0.1:5000")
        .encode(123_456_789L, timestampsUs, xs, ys, polarities, size, TimestampClock.ARRIVAL, size == 0, sliceEndUs);

    EventPacket expected = EventPacket.newBuilder().setStreamId("cam-é").setSequence(123_456_789L)
        .setWidth(32_768).setHeight(480).setTimestampsUs(boxed(timestampsUs)).setXs(boxed(xs)).setYs(boxed(ys))
        .setPolarities(ByteBuffer.wrap(polarities)).setClock(TimestampClock.ARRIVAL).setLabel(null)
        .setSource("udp://127.0.0.1:5000").setEndOfStream(size == 0).setSliceEndUs(sliceEndUs).build();
    assertThat(ours).isEqualTo(bytes(expected.toByteBuffer()));
    assertThat(EventPacket.getDecoder().decode(ours)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomLabelledPacketsFromAnEventBufferMatchTheGeneratedEncoder(long seed) throws Exception {
    Random random = new Random(seed);
    int size = random.nextInt(3) == 0 ? 0 : random.nextInt(5_000);
    EventBuffer events = new EventBuffer();
    long t = random.nextLong(1L << 45);
    for (int i = 0; i < size; i++) {
      t += random.nextInt(50);
      events.add(t, random.nextInt(1280), random.nextInt(720), random.nextInt(2));
    }
    Integer label = random.nextBoolean() ? null : random.nextInt(1_000) - 1; // -1 too: any int is valid Avro
    String source = random.nextBoolean() ? null : "sample-" + random.nextInt(100) + ".raw";
    long sequence = random.nextLong(1L << 40);
    boolean endOfStream = random.nextBoolean();
    Long sliceEndUs = random.nextBoolean() ? null : t + random.nextInt(1_000);
    byte[] ours = new EventPacketEncoder("stream-" + seed, 1280, 720, source)
        .encode(sequence, events, TimestampClock.SENSOR, label, endOfStream, sliceEndUs);

    EventPacket expected = EventPacket.newBuilder().setStreamId("stream-" + seed).setSequence(sequence)
        .setWidth(1280).setHeight(720)
        .setTimestampsUs(boxed(java.util.Arrays.copyOf(events.timestampsUs(), size)))
        .setXs(boxed(java.util.Arrays.copyOf(events.xs(), size)))
        .setYs(boxed(java.util.Arrays.copyOf(events.ys(), size)))
        .setPolarities(ByteBuffer.wrap(java.util.Arrays.copyOf(events.polarities(), size)))
        .setClock(TimestampClock.SENSOR).setLabel(label).setSource(source).setEndOfStream(endOfStream)
        .setSliceEndUs(sliceEndUs).build();
    assertThat(ours).isEqualTo(bytes(expected.toByteBuffer()));
    assertThat(EventPacket.getDecoder().decode(ours)).isEqualTo(expected);
  }

  @Test
  void encodesANullSourceAndNegativeTimestampsAndSliceEnd() throws Exception {
    byte[] ours = new EventPacketEncoder("s", 1, 1, null)
        .encode(0, new long[] {-5}, new int[] {0}, new int[] {0}, new byte[] {1}, 1, TimestampClock.SENSOR, false, -2L);
    EventPacket expected = EventPacket.newBuilder().setStreamId("s").setSequence(0).setWidth(1).setHeight(1)
        .setTimestampsUs(List.of(-5L)).setXs(List.of(0)).setYs(List.of(0)).setPolarities(ByteBuffer.wrap(new byte[] {1}))
        .setClock(TimestampClock.SENSOR).setLabel(null).setSource(null).setEndOfStream(false).setSliceEndUs(-2L).build();
    assertThat(ours).isEqualTo(bytes(expected.toByteBuffer()));
  }

  @Test
  void reusesItsBufferWithoutLeakingAnEarlierLargerPacket() throws Exception {
    EventPacketEncoder encoder = new EventPacketEncoder("s", 10, 10, null);
    long[] ts = {1, 2, 3};
    int[] xy = {1, 2, 3};
    byte[] pol = {1, 0, 1};
    encoder.encode(0, ts, xy, xy, pol, 3, TimestampClock.SENSOR, false, 4L);
    EventPacket second = EventPacket.getDecoder().decode(encoder.encode(1, ts, xy, xy, pol, 1, TimestampClock.SENSOR, false, null));
    assertThat(second.getTimestampsUs()).containsExactly(1L);
    assertThat(second.getXs()).containsExactly(1);
    assertThat(second.getSliceEndUs()).isNull();
  }

  private static List<Long> boxed(long[] values) {
    List<Long> list = new ArrayList<>();
    for (long v : values) {
      list.add(v);
    }
    return list;
  }

  private static List<Integer> boxed(int[] values) {
    List<Integer> list = new ArrayList<>();
    for (int v : values) {
      list.add(v);
    }
    return list;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
