package io.sne.job;

import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random event packets for tests: sorted timestamps, events on the sensor. */
final class TestPackets {
  private TestPackets() {}

  /** {@code count} consecutive packets of one stream, {@code eventsPerPacket} events each, spanning {@code packetUs}. */
  static List<EventPacket> stream(String streamId, int count, int eventsPerPacket, long packetUs, int width, int height,
      Integer label, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<EventPacket> packets = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      long[] ts = new long[eventsPerPacket];
      for (int i = 0; i < eventsPerPacket; i++) {
        ts[i] = k * packetUs + random.nextLong(packetUs);
      }
      java.util.Arrays.sort(ts);
      List<Long> t = new ArrayList<>();
      List<Integer> x = new ArrayList<>();
      List<Integer> y = new ArrayList<>();
      byte[] p = new byte[eventsPerPacket];
      for (int i = 0; i < eventsPerPacket; i++) {
        t.add(ts[i]);
        x.add(random.nextInt(width));
        y.add(random.nextInt(height));
        p[i] = (byte) random.nextInt(2);
      }
      packets.add(EventPacket.newBuilder()
          .setStreamId(streamId).setSequence(k).setWidth(width).setHeight(height)
          .setTimestampsUs(t).setXs(x).setYs(y).setPolarities(ByteBuffer.wrap(p))
          .setClock(TimestampClock.SENSOR).setLabel(label).setSource("test-" + seed).setEndOfStream(k == count - 1)
          .build());
    }
    return packets;
  }

  static byte[] bytes(EventPacket packet) {
    try {
      ByteBuffer b = packet.toByteBuffer();
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
