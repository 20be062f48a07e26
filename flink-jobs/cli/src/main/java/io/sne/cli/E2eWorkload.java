package io.sne.cli;

import io.sne.runtime.model.InputSpec;
import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The end-to-end benchmark's synthetic input: {@code streams} streams of uniformly random events on
 * the model's sensor, one packet per time step (dt), so a packet never straddles a step and packets
 * sent in time order across streams are never late for the watermark. Each packet promises its
 * step's end ({@code sliceEndUs}), as a live camera's packetiser does, so the job closes a stream's
 * step on that packet. Seeded: the same arguments give the same bytes.
 */
final class E2eWorkload {
  /** One encoded packet, ready to publish. */
  record Packet(String streamId, long windowStartUs, boolean lastOfWindow, int events, byte[] bytes) {}

  private final InputSpec input;
  private final long seed;

  E2eWorkload(InputSpec input, long seed) {
    this.input = input;
    this.seed = seed;
  }

  long windowUs() {
    return input.windowUs();
  }

  int timeSteps() {
    return input.timeSteps();
  }

  /**
   * The packets of {@code windows} windows per stream from stream time {@code startUs}, in time order:
   * step k of every stream before step k+1 of any. The last packet of each stream ends it.
   */
  List<Packet> packets(String prefix, int streams, int windows, long startUs, int eventsPerPacket) {
    List<Packet> out = new ArrayList<>();
    int steps = windows * input.timeSteps();
    for (int k = 0; k < steps; k++) {
      long stepStartUs = startUs + k * input.dtUs();
      long windowStartUs = startUs + (k / input.timeSteps()) * input.windowUs();
      boolean lastOfWindow = k % input.timeSteps() == input.timeSteps() - 1;
      for (int s = 0; s < streams; s++) {
        String id = prefix + s;
        out.add(new Packet(id, windowStartUs, lastOfWindow, eventsPerPacket,
            encode(id, k, stepStartUs, eventsPerPacket, k == steps - 1)));
      }
    }
    return out;
  }

  private byte[] encode(String streamId, long sequence, long stepStartUs, int events, boolean endOfStream) {
    SplittableRandom random = new SplittableRandom(seed ^ (31L * streamId.hashCode() + sequence));
    long[] ts = new long[events];
    for (int i = 0; i < events; i++) {
      ts[i] = stepStartUs + random.nextLong(input.dtUs());
    }
    Arrays.sort(ts);
    List<Long> timestamps = new ArrayList<>(events);
    List<Integer> xs = new ArrayList<>(events);
    List<Integer> ys = new ArrayList<>(events);
    byte[] polarities = new byte[events];
    for (int i = 0; i < events; i++) {
      timestamps.add(ts[i]);
      xs.add(random.nextInt(input.sensorWidth()));
      ys.add(random.nextInt(input.sensorHeight()));
      polarities[i] = (byte) random.nextInt(2);
    }
    EventPacket packet = EventPacket.newBuilder()
        .setStreamId(streamId).setSequence(sequence)
        .setWidth(input.sensorWidth()).setHeight(input.sensorHeight())
        .setTimestampsUs(timestamps).setXs(xs).setYs(ys).setPolarities(ByteBuffer.wrap(polarities))
        .setClock(TimestampClock.SENSOR).setLabel(null).setSource("sne-bench-e2e").setEndOfStream(endOfStream)
        .setSliceEndUs(stepStartUs + input.dtUs())
        .build();
    try {
      ByteBuffer b = packet.toByteBuffer();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a benchmark packet of " + streamId, e);
    }
  }
}
