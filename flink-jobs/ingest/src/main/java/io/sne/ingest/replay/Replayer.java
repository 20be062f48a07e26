package io.sne.ingest.replay;

import io.sne.events.transform.StreamTransforms;
import io.sne.ingest.EventPacketPublisher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Replays planned streams into Kafka. All streams start together; each packet is sent when the
 * wall clock reaches its last event's time (relative to its stream's first event) divided by the
 * speed, as a camera delivers a slice once it is over. Packets of all streams go out in that
 * order, so concurrent streams interleave as they would live. Speed 0 sends as fast as possible.
 */
public final class Replayer {
  /**
   * @param sliceUs packet time slice
   * @param speed event time / wall time; 0 = as fast as possible
   * @param passes how often each stream is replayed (Long.MAX_VALUE = loop until stopped)
   */
  public record Options(long sliceUs, double speed, long passes, boolean progressBar) {
    public Options {
      if (sliceUs <= 0 || speed < 0 || passes < 1) {
        throw new IllegalArgumentException("need sliceUs > 0, speed >= 0 and passes >= 1");
      }
    }
  }

  public record Result(long events, long packets, int streams, long droppedEvents, double seconds) {
    public double megaEventsPerSecond() {
      return events / Math.max(seconds, 1e-9) / 1e6;
    }

    public String summary() {
      return String.format(Locale.ROOT, "replayed %,d events in %,d packets on %d stream%s in %.2f s: %.2f Mev/s%s",
          events, packets, streams, streams == 1 ? "" : "s", seconds, megaEventsPerSecond(),
          droppedEvents > 0 ? String.format(Locale.ROOT, " (%,d events outside their sample period not sent)", droppedEvents) : "");
    }
  }

  private record Due(long dueNanos, ReplayPacket packet, ReplayStream stream, long originUs) {}

  private Replayer() {}

  public static Result run(List<StreamPlan> plans, Options options, EventPacketPublisher publisher) throws IOException {
    return run(plans, options, StreamTransforms.NONE, publisher);
  }

  /** As {@link #run(List, Options, EventPacketPublisher)}, each stream through its own noise and filters first. */
  public static Result run(List<StreamPlan> plans, Options options, StreamTransforms transforms, EventPacketPublisher publisher)
      throws IOException {
    List<ReplayStream> streams = new ArrayList<>();
    try {
      for (StreamPlan plan : plans) {
        streams.add(new ReplayStream(plan, options.sliceUs(), options.passes(), transforms));
      }
      return replay(streams, options, publisher);
    } finally {
      for (ReplayStream stream : streams) {
        stream.close();
      }
    }
  }

  private static Result replay(List<ReplayStream> streams, Options options, EventPacketPublisher publisher)
      throws IOException {
    long startNanos = System.nanoTime();
    PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    for (ReplayStream stream : streams) {
      ReplayPacket first = stream.next();
      if (first != null) {
        queue.add(due(first, stream, first.firstUs(), startNanos, options));
      }
    }
    long packets = 0;
    long events = 0;
    try (ProgressBar progress = options.progressBar() ? new ProgressBarBuilder().setTaskName("replay")
        .setInitialMax(-1).setStyle(ProgressBarStyle.ASCII).setUnit(" kev", 1000).setUpdateIntervalMillis(250)
        .continuousUpdate().build() : null) {
      while (!queue.isEmpty()) {
        Due next = queue.poll();
        long wait = next.dueNanos - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        publisher.publish(next.packet.streamId(), next.packet.avro(), next.packet.events());
        int n = next.packet.events();
        packets++;
        events += n;
        if (progress != null) {
          progress.stepBy(n);
        }
        ReplayPacket following = next.stream.next();
        if (following != null) {
          queue.add(due(following, next.stream, next.originUs, startNanos, options));
        }
      }
      publisher.flush();
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    if (publisher.packetsFailed() > 0) {
      throw new IOException(publisher.packetsFailed() + " of " + packets + " packets were not accepted by Kafka; last error: "
          + publisher.lastError());
    }
    long dropped = streams.stream().mapToLong(ReplayStream::dropped).sum();
    return new Result(events, packets, streams.size(), dropped, seconds);
  }

  private static Due due(ReplayPacket packet, ReplayStream stream, long originUs, long startNanos, Options options) {
    if (options.speed() == 0 || packet.events() == 0) {
      return new Due(startNanos, packet, stream, originUs);
    }
    long offsetNanos = (long) ((packet.lastUs() - originUs) * 1000.0 / options.speed());
    return new Due(startNanos + offsetNanos, packet, stream, originUs);
  }
}
