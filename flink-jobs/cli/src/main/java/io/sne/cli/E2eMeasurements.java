package io.sne.cli;

import io.sne.schemas.Classification;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The two measurements of {@code sne bench e2e} on a running {@link E2eRig}. */
final class E2eMeasurements {
  /** How many of a latency run's slowest checkpoints the report takes apart. */
  static final int SLOWEST_CHECKPOINTS = 3;

  private E2eMeasurements() {}

  /**
   * Throughput from a backlog: what was published, what came out, the time from the job's start to
   * its last output written, and the steady rate: events per second between the moments the job had
   * written 10% and 90% of the expected outputs (start-up and the final commit fall outside it).
   * Progress is read uncommitted, as the job writes; {@code drained} means all of it was then also
   * committed (read_committed), and {@code outputs} counts committed records, duplicates included.
   */
  record Throughput(long events, long packets, long outputsExpected, long outputs, double drainSeconds,
      boolean drained, double steadyEventsPerSecond, Map<String, Double> cpuMsPerPacket,
      Map<String, Double> allocatedKbPerPacket) {
    double eventsPerSecond() {
      return drained ? steadyEventsPerSecond : Double.NaN;
    }
  }

  /**
   * Latency of each window, in ms, from the wall time its last packet was sent to (a) the
   * Classification's {@code processedAtMs} (emitted by the operator), (b) the moment a
   * read_uncommitted consumer received it (on the output topic, in a transaction not yet committed)
   * and (c) the moment a read_committed consumer received it (after the checkpoint that committed it);
   * {@code meanStudentsRun}: how many students the gate ran per timed window (the SNN work per window).
   */
  record Latency(double rateEventsPerSecond, int eventsPerPacket, double streamSpeed, int windows, double[] emitMs,
      double[] onTopicMs, double[] visibleMs, double meanStudentsRun, double[] checkpointMs, List<CheckpointAnatomy.Checkpoint> slowest) {
    double p(double[] sorted, double q) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
  }

  /**
   * Publishes {@code packets} into the (stopped) job's input topic, then starts the job and waits until
   * {@code outputsExpected} are committed. Both benchmarked jobs drain the same backlog this way, so
   * their rates are the jobs' own, not the publisher's.
   */
  static Throughput throughput(E2eRig rig, List<E2eWorkload.Packet> packets, long outputsExpected, long timeoutS)
      throws Exception {
    long events = packets.stream().mapToLong(E2eWorkload.Packet::events).sum();
    for (E2eWorkload.Packet p : packets) {
      rig.publisher().publish(p.streamId(), p.bytes(), p.events());
    }
    rig.publisher().flush();
    if (rig.publisher().packetsFailed() > 0) {
      throw new IllegalStateException(rig.publisher().packetsFailed() + " packets could not be published: "
          + rig.publisher().lastError());
    }
    rig.startJob();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(timeoutS);
    long written = 0;
    long last = start;
    long at10 = -1;
    long at90 = -1;
    long writtenAt10 = 0;
    long writtenAt90 = 0;
    CpuAccount cpuAt10 = null;
    CpuAccount cpuAt90 = null;
    while (written < outputsExpected && System.nanoTime() < deadline) {
      int n = rig.pollWritten(Duration.ofMillis(10));
      if (n > 0) {
        written += n;
        last = System.nanoTime();
        if (at10 < 0 && written >= 0.1 * outputsExpected) {
          at10 = last;
          writtenAt10 = written;
          cpuAt10 = CpuAccount.now();
        }
        if (at90 < 0 && written >= 0.9 * outputsExpected) {
          at90 = last;
          writtenAt90 = written;
          cpuAt90 = CpuAccount.now();
        }
      }
    }
    // Outputs stand for equal shares of the events (a packet each, or a window of equal packets).
    double steady = at90 > at10 && at10 >= 0
        ? events * (double) (writtenAt90 - writtenAt10) / outputsExpected / ((at90 - at10) / 1e9) : Double.NaN;
    Map<String, Double> cpuMsPerPacket = new java.util.LinkedHashMap<>();
    Map<String, Double> allocatedKbPerPacket = new java.util.LinkedHashMap<>();
    if (cpuAt90 != null) {
      double packetsBetween = packets.size() * (double) (writtenAt90 - writtenAt10) / outputsExpected;
      cpuAt90.since(cpuAt10).forEach((component, ms) -> cpuMsPerPacket.put(component, ms / packetsBetween));
      cpuAt90.allocatedKbSince(cpuAt10).forEach((component, kb) -> allocatedKbPerPacket.put(component, kb / packetsBetween));
    }
    long outputs = 0;
    while (outputs < outputsExpected && System.nanoTime() < deadline) {
      outputs += rig.poll(Duration.ofMillis(20)).count();
    }
    boolean drained = outputs >= outputsExpected;
    // One more checkpoint or two: duplicates (an exactly-once failure) would show up here.
    long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < settle) {
      outputs += rig.poll(Duration.ofMillis(100)).count();
    }
    return new Throughput(events, packets.size(), outputsExpected, outputs, (last - start) / 1e9, drained, steady,
        cpuMsPerPacket, allocatedKbPerPacket);
  }

  /**
   * Sends {@code packets} paced: a step's packets leave when the step has elapsed on the wall clock
   * ({@code stepWallUs} each; a step's length in real time, like a live camera's, or longer on a
   * slowed stream clock) and records each window's latencies. Windows that start before
   * {@code firstTimedWindowStartUs} are a lead-in, sent but not timed; so is each stream's last
   * window (ended by end-of-stream, not the watermark).
   */
  static Latency latency(E2eRig rig, List<E2eWorkload.Packet> packets, long firstTimedWindowStartUs, long stepWallUs,
      long windowUs, int streams, double rateEventsPerSecond, int eventsPerPacket, double streamSpeed, double timeoutS)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      return latency(rig, packets, firstTimedWindowStartUs, stepWallUs, windowUs, streams, rateEventsPerSecond,
          eventsPerPacket, streamSpeed, timeoutS, threads);
    } finally {
      threads.shutdownNow();
    }
  }

  private static Latency latency(E2eRig rig, List<E2eWorkload.Packet> packets, long firstTimedWindowStartUs,
      long stepWallUs, long windowUs, int streams, double rateEventsPerSecond, int eventsPerPacket, double streamSpeed,
      double timeoutS, ExecutorService threads) throws Exception {
    Map<String, Long> sentMs = new ConcurrentHashMap<>();
    long firstStartUs = packets.get(0).windowStartUs();
    long lastWindowStartUs = packets.get(packets.size() - 1).windowStartUs();
    long[] timedFromMs = {Long.MAX_VALUE};
    long start = System.nanoTime();
    CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
      int perStep = streams;
      for (int i = 0; i < packets.size(); i++) {
        if (i % perStep == 0) {
          long dueNanos = start + (i / perStep + 1) * stepWallUs * 1000L;
          sleepUntil(dueNanos);
        }
        E2eWorkload.Packet p = packets.get(i);
        boolean timed = p.windowStartUs() >= firstTimedWindowStartUs && p.windowStartUs() != lastWindowStartUs;
        if (timed && timedFromMs[0] == Long.MAX_VALUE) {
          timedFromMs[0] = System.currentTimeMillis();
        }
        rig.publisher().publish(p.streamId(), p.bytes(), p.events());
        if (timed && p.lastOfWindow()) {
          sentMs.put(p.streamId() + "@" + p.windowStartUs(), System.currentTimeMillis());
        }
      }
      rig.publisher().flush();
    }, threads);
    int windowsPerStream = (int) ((lastWindowStartUs - firstStartUs) / windowUs + 1);
    long expected = (long) windowsPerStream * streams;
    List<Double> emit = new ArrayList<>();
    List<Double> visible = new ArrayList<>();
    List<Double> onTopic = Collections.synchronizedList(new ArrayList<>());
    // Each consumer polls on its own thread: a Kafka consumer does its network I/O inside poll(), so one
    // thread taking turns would hold either consumer's records back while it waits on the other.
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> watchTopic = CompletableFuture.runAsync(() -> {
      for (long written = 0; written < expected && !stop.get(); ) {
        for (ConsumerRecord<byte[], byte[]> r : rig.pollWrittenRecords(Duration.ofMillis(5))) {
          long now = System.currentTimeMillis();
          written++;
          Classification c = decode(r.value());
          Long sent = sentMs.get(c.getStreamId() + "@" + c.getWindowStartUs());
          if (sent != null) {
            onTopic.add((double) (now - sent));
          }
        }
      }
    }, threads);
    long seen = 0;
    long studentsRun = 0;
    long deadline = System.nanoTime() + (long) (timeoutS * 1e9);
    try {
      while (seen < expected && System.nanoTime() < deadline) {
        failIfFailed(send);
        failIfFailed(watchTopic);
        for (ConsumerRecord<byte[], byte[]> r : rig.poll(Duration.ofMillis(5))) {
          long now = System.currentTimeMillis();
          Classification c = decode(r.value());
          seen++;
          Long sent = sentMs.get(c.getStreamId() + "@" + c.getWindowStartUs());
          if (sent != null) {
            emit.add((double) (c.getProcessedAtMs() - sent));
            studentsRun += c.getStudentsRun().size();
            visible.add((double) (now - sent));
          }
        }
      }
      send.join();
      if (seen < expected) {
        throw new IllegalStateException("latency run: only " + seen + " of " + expected + " classifications within "
            + timeoutS + " s");
      }
      // Committed records were written first: the other consumer has them, or gets them within its next polls.
      watchTopic.get(30, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      try {
        watchTopic.get(30, TimeUnit.SECONDS); // done before the rig closes its consumer
      } catch (Exception alreadyReported) {
        // its failure, if any, is the one thrown above or is secondary to it
      }
    }
    long timedToMs = System.currentTimeMillis();
    double[] checkpointMs = Arrays.stream(rig.checkpointDurationsMs(timedFromMs[0], timedToMs))
        .asDoubleStream().toArray();
    return new Latency(rateEventsPerSecond, eventsPerPacket, streamSpeed, emit.size(), sorted(emit), sorted(onTopic),
        sorted(visible), emit.isEmpty() ? Double.NaN : (double) studentsRun / emit.size(), checkpointMs,
        rig.slowestCheckpoints(timedFromMs[0], timedToMs, SLOWEST_CHECKPOINTS));
  }

  static Classification decode(byte[] value) {
    try {
      return Classification.getDecoder().decode(ByteBuffer.wrap(value));
    } catch (IOException e) {
      throw new IllegalStateException("the SNE job wrote a record that is not a Classification: " + e.getMessage(), e);
    }
  }

  private static double[] sorted(List<Double> values) {
    double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a;
  }

  private static void failIfFailed(CompletableFuture<Void> task) {
    if (task.isCompletedExceptionally()) {
      task.join();
    }
  }

  private static void sleepUntil(long dueNanos) {
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing the latency run", e);
      }
    }
  }
}
