package io.sne.cli;

import io.sne.job.operator.ModelFile;
import io.sne.kafka.EmbeddedKafka;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One stream count of {@code sne bench e2e}: identity and SNE throughput in pairs, then SNE latency at half that rate. */
final class E2eRun {
  /** Wall seconds of paced windows sent before the timed ones, see {@link #pacedLatency}. */
  static final double LEAD_IN_SECONDS = 2;

  private E2eRun() {}

  /**
   * Both jobs drain a backlog once, unmeasured beyond a log line: the JIT compiles the broker's,
   * Flink's and the SNN's hot code here (C2 took half the cores for a minute in a cold run), so
   * the measured runs see the steady state a long-running job has, not the JVM's warm-up.
   */
  static Map<String, Object> warmUp(EmbeddedKafka kafka, BenchCluster cluster, ModelFile model, E2eWorkload workload,
      E2eRig.Settings settings, int streams, long targetEvents, int eventsPerPacket, String name, PrintStream log)
      throws Exception {
    int windows = windowsFor(targetEvents, streams, eventsPerPacket, workload.timeSteps());
    List<E2eWorkload.Packet> packets = workload.packets("warmup-", streams, windows, 0, eventsPerPacket);
    long timeoutS = 90 + packets.size() / 100;
    log.printf("[warm-up, %d streams] identity and SNE jobs: %d packets each (not measured)...%n", streams,
        packets.size());
    var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    long compileMsBefore = jit.getTotalCompilationTime();
    long start = System.nanoTime();
    E2eMeasurements.Throughput identity;
    try (E2eRig rig = E2eRig.create(kafka, cluster, name + "-identity", null, settings)) {
      identity = E2eMeasurements.throughput(rig, packets, packets.size(), timeoutS);
    }
    E2eMeasurements.Throughput sne;
    long deadLetters;
    try (E2eRig rig = E2eRig.create(kafka, cluster, name + "-sne", model, settings)) {
      sne = E2eMeasurements.throughput(rig, packets, (long) windows * streams, timeoutS);
      deadLetters = rig.deadLetters();
    }
    Map<String, Object> r = result(streams, identity, sne, deadLetters, null, List.of());
    // Compile time summed over the compiler threads, against the round's wall time: the JIT's share of the box.
    r.put("jitCompileShare", (jit.getTotalCompilationTime() - compileMsBefore) / ((System.nanoTime() - start) / 1e6));
    return r;
  }

  private static int windowsFor(long targetEvents, int streams, int eventsPerPacket, int steps) {
    return (int) Math.max(2, Math.ceil(targetEvents / (double) (streams * (long) eventsPerPacket * steps)));
  }

  /**
   * One stream count: {@code repeats} pairs of backlog drains (identity, then SNE, each a fresh job on
   * the same cluster), then the SNE job of the last pair paced at half its rate for latency. The JIT
   * of this one JVM (broker, Flink, both jobs) recompiles in bursts that can double one drain's CPU,
   * so the figures are those of the pair with the median ratio, and every pair's ratio is listed.
   */
  static Map<String, Object> measure(EmbeddedKafka kafka, BenchCluster cluster, ModelFile model, E2eWorkload workload, E2eRig.Settings settings,
      int streams, long targetEvents, int eventsPerPacket, int latencySeconds, int minTimedWindowEnds, int repeats,
      String name, PrintStream log) throws Exception {
    int steps = workload.timeSteps();
    int windows = windowsFor(targetEvents, streams, eventsPerPacket, steps);
    List<E2eWorkload.Packet> packets = workload.packets("stream-", streams, windows, 0, eventsPerPacket);
    long timeoutS = 90 + packets.size() / 100;
    List<E2eMeasurements.Throughput[]> pairs = new ArrayList<>();
    List<Long> deadLetters = new ArrayList<>();
    E2eMeasurements.Latency latency = null;
    for (int k = 0; k < repeats; k++) {
      String pair = repeats == 1 ? "" : " (pair " + (k + 1) + " of " + repeats + ")";
      log.printf("[%d streams] identity job%s: %d packets...%n", streams, pair, packets.size());
      E2eMeasurements.Throughput identity;
      try (E2eRig rig = E2eRig.create(kafka, cluster, name + "-" + k + "-identity", null, settings)) {
        identity = E2eMeasurements.throughput(rig, packets, packets.size(), timeoutS);
      }
      log.printf("[%d streams] SNE job%s: %d windows...%n", streams, pair, (long) windows * streams);
      try (E2eRig rig = E2eRig.create(kafka, cluster, name + "-" + k + "-sne", model, settings)) {
        E2eMeasurements.Throughput sne = E2eMeasurements.throughput(rig, packets, (long) windows * streams, timeoutS);
        pairs.add(new E2eMeasurements.Throughput[] {identity, sne});
        deadLetters.add(rig.deadLetters());
        log.printf("[%d streams] pair %d: identity %.0f ev/s, SNE %.0f ev/s, ratio %.2f; CPU ms per packet %.3f / %.3f%n",
            streams, k + 1, identity.eventsPerSecond(), sne.eventsPerSecond(), ratio(pairs.get(k)),
            identity.cpuMsPerPacket().getOrDefault("total", Double.NaN), sne.cpuMsPerPacket().getOrDefault("total", Double.NaN));
        if (!sne.drained()) {
          log.printf("[%d streams] the SNE job produced %d of %d classifications within %d s (%d dead letters): "
              + "no throughput or latency figures for this stream count%n", streams, sne.outputs(), sne.outputsExpected(),
              timeoutS, rig.deadLetters());
          return result(streams, identity, sne, rig.deadLetters(), null, List.of());
        }
        if (k == repeats - 1) {
          latency = pacedLatency(rig, workload, streams, windows, eventsPerPacket, latencySeconds, minTimedWindowEnds,
              medianPair(pairs)[1].eventsPerSecond(), log);
        }
      }
    }
    E2eMeasurements.Throughput[] median = medianPair(pairs);
    List<Double> ratios = pairs.stream().map(E2eRun::ratio).toList();
    Map<String, Object> r = result(streams, median[0], median[1], deadLetters.get(pairs.indexOf(median)), latency, ratios);
    r.put("pairs", pairs.stream().map(E2eRun::pairFigures).toList());
    return r;
  }

  /** One pair's rates and CPU totals, so a swing between pairs can be traced to the job that moved. */
  private static Map<String, Object> pairFigures(E2eMeasurements.Throughput[] pair) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("identityEventsPerSecond", finite(pair[0].eventsPerSecond()));
    p.put("sneEventsPerSecond", finite(pair[1].eventsPerSecond()));
    p.put("ratio", finite(ratio(pair)));
    p.put("identityCpuMsPerPacket", pair[0].cpuMsPerPacket());
    p.put("sneCpuMsPerPacket", pair[1].cpuMsPerPacket());
    return p;
  }

  /**
   * The SNE job, warm from its drain, fed at half the measured maximum in both events/s and packets/s
   * (each packet is one step of one stream, which costs SNN work whatever it holds): one packet per
   * step per stream, in real time when that is at most half the packet rate, else on a stream clock
   * slowed down until it is. The first {@link #LEAD_IN_SECONDS} are a lead-in, not timed: the job
   * turns from draining a backlog to a paced feed there (the JIT meets the paced packets' sizes, the
   * heap settles), and a latency percentile is of the steady state at that rate.
   */
  private static E2eMeasurements.Latency pacedLatency(E2eRig rig, E2eWorkload workload, int streams, int windows,
      int eventsPerPacket, int latencySeconds, int minTimedWindowEnds, double maxEventsPerSecond, PrintStream log)
      throws Exception {
    int steps = workload.timeSteps();
    double rate = maxEventsPerSecond / 2;
    double halfPacketsPerSecond = maxEventsPerSecond / eventsPerPacket / 2;
    long dtUs = workload.windowUs() / steps;
    double realTimePacketsPerSecond = streams * 1e6 / dtUs;
    double speed = Math.min(1.0, halfPacketsPerSecond / realTimePacketsPerSecond);
    int perPacket = (int) Math.max(1, Math.round(rate / (realTimePacketsPerSecond * speed)));
    // At least minTimedWindowEnds timed windows per stream (each stream's last one is not timed). The streams'
    // windows end together and their results ride the same checkpoint, so one slow checkpoint delays a whole
    // window end: a p99 over fewer window ends than a few hundred is just the slowest checkpoint's, however
    // many streams share it. That makes the run longer than --seconds.
    int latencyWindows = (int) Math.max(minTimedWindowEnds,
        Math.max(3, latencySeconds * 1e6 * speed / workload.windowUs())) + 1;
    int leadIn = (int) Math.ceil(LEAD_IN_SECONDS * 1e6 * speed / workload.windowUs());
    long startUs = (windows + 1) * workload.windowUs();
    log.printf("[%d streams] SNE latency: %d windows at %.0f events/s, stream clock at %.2fx real time, paced, after "
        + "%d untimed...%n", streams, (long) latencyWindows * streams, rate, speed, (long) leadIn * streams);
    List<E2eWorkload.Packet> paced = workload.packets("paced-", streams, leadIn + latencyWindows, startUs, perPacket);
    E2eMeasurements.Latency latency = E2eMeasurements.latency(rig, paced, startUs + leadIn * workload.windowUs(),
        Math.round(dtUs / speed), workload.windowUs(), streams, perPacket * realTimePacketsPerSecond * speed, perPacket,
        speed, (latencySeconds + LEAD_IN_SECONDS) / speed + 120L);
    failIfPublishFailed(rig);
    return latency;
  }

  private static double ratio(E2eMeasurements.Throughput[] pair) {
    return pair[1].eventsPerSecond() / pair[0].eventsPerSecond();
  }

  /** The pair whose ratio is the median (the lower middle one of an even count). */
  private static E2eMeasurements.Throughput[] medianPair(List<E2eMeasurements.Throughput[]> pairs) {
    List<E2eMeasurements.Throughput[]> sorted = new ArrayList<>(pairs);
    sorted.sort(Comparator.comparingDouble(E2eRun::ratio));
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** The figures of one stream count; a figure that could not be measured is null. */
  private static Map<String, Object> result(int streams, E2eMeasurements.Throughput identity,
      E2eMeasurements.Throughput sne, long deadLetters, E2eMeasurements.Latency latency, List<Double> pairRatios) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("streams", streams);
    r.put("eventsPublished", identity.events());
    r.put("packetsPublished", identity.packets());
    r.put("identityRecordsOut", identity.outputs());
    r.put("identityEventsPerSecond", finite(identity.eventsPerSecond()));
    r.put("identityDrainSeconds", identity.drainSeconds());
    r.put("sneClassificationsExpected", sne.outputsExpected());
    r.put("sneClassificationsOut", sne.outputs());
    r.put("sneDeadLetters", deadLetters);
    r.put("sneEventsPerSecond", finite(sne.eventsPerSecond()));
    r.put("sneDrainSeconds", sne.drainSeconds());
    r.put("throughputRatioVsIdentity", finite(sne.eventsPerSecond() / identity.eventsPerSecond()));
    if (pairRatios.size() > 1) {
      r.put("throughputRatiosOfPairs", pairRatios.stream().map(E2eRun::finite).toList());
    }
    r.put("snePacketsPerSecond", finite(sne.eventsPerSecond() / eventsPerPacket(identity)));
    // CPU of the whole JVM per packet between the 10% and 90% marks, by component (load-independent, unlike rates).
    r.put("identityCpuMsPerPacket", identity.cpuMsPerPacket());
    r.put("sneCpuMsPerPacket", sne.cpuMsPerPacket());
    r.put("identityAllocatedKbPerPacket", identity.allocatedKbPerPacket());
    r.put("sneAllocatedKbPerPacket", sne.allocatedKbPerPacket());
    if (latency == null) {
      return r;
    }
    r.put("latencyRateEventsPerSecond", latency.rateEventsPerSecond());
    r.put("latencyEventsPerPacket", latency.eventsPerPacket());
    r.put("latencyStreamSpeed", latency.streamSpeed());
    r.put("latencyWindows", latency.windows());
    r.put("latencyMeanStudentsRun", finite(latency.meanStudentsRun()));
    r.put("p50EmitLatencyMs", latency.p(latency.emitMs(), 0.50));
    r.put("p99EmitLatencyMs", latency.p(latency.emitMs(), 0.99));
    r.put("p50OnTopicLatencyMs", latency.p(latency.onTopicMs(), 0.50));
    r.put("p99OnTopicLatencyMs", latency.p(latency.onTopicMs(), 0.99));
    r.put("p50VisibleLatencyMs", latency.p(latency.visibleMs(), 0.50));
    r.put("p99VisibleLatencyMs", latency.p(latency.visibleMs(), 0.99));
    // Flink's share of the read_committed latency: trigger to last acknowledgement, over the timed windows.
    r.put("latencyCheckpoints", latency.checkpointMs().length);
    r.put("p50CheckpointMs", finite(latency.p(latency.checkpointMs(), 0.50)));
    r.put("p99CheckpointMs", finite(latency.p(latency.checkpointMs(), 0.99)));
    r.put("slowestCheckpoints", latency.slowest().stream().map(CheckpointAnatomy.Checkpoint::toJson).toList());
    return r;
  }

  private static double eventsPerPacket(E2eMeasurements.Throughput t) {
    return (double) t.events() / t.packets();
  }

  private static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }

  private static void failIfPublishFailed(E2eRig rig) {
    if (rig.publisher().packetsFailed() > 0) {
      throw new IllegalStateException(rig.publisher().packetsFailed() + " packets could not be published: "
          + rig.publisher().lastError());
    }
  }
}
