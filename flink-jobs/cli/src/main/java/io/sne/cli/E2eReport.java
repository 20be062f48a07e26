package io.sne.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints {@code sne bench e2e}'s table and its verdict against the targets. */
final class E2eReport {
  private E2eReport() {}

  static void print(PrintStream out, Map<String, Object> report, List<Map<String, Object>> runs, double windowMs) {
    out.println();
    out.printf("%7s %10s %13s %13s %7s %16s | %12s %6s %16s %16s %17s %16s %9s%n", "streams", "events", "identity ev/s",
        "SNE ev/s", "ratio", "pairs' ratios", "paced ev/s", "clock", "emit p50/p99 ms", "topic p50/p99 ms",
        "commit p50/p99 ms", "ckpt p50/p99 ms", "students");
    for (Map<String, Object> r : runs) {
      if (r.get("sneEventsPerSecond") == null) {
        out.printf("%7d %10d %13.0f   SNE job did not drain: %d of %d classifications before the timeout, %d dead letters%n",
            r.get("streams"), r.get("eventsPublished"), r.get("identityEventsPerSecond"), r.get("sneClassificationsOut"),
            r.get("sneClassificationsExpected"), r.get("sneDeadLetters"));
        continue;
      }
      out.printf("%7d %10d %13.0f %13.0f %7.2f %16s | %12.0f %5.2fx %16s %16s %17s %16s %9s%n", r.get("streams"),
          r.get("eventsPublished"), r.get("identityEventsPerSecond"), r.get("sneEventsPerSecond"),
          r.get("throughputRatioVsIdentity"), pairRatios(r), r.get("latencyRateEventsPerSecond"), r.get("latencyStreamSpeed"),
          pair(r, "EmitLatency"), pair(r, "OnTopicLatency"), pair(r, "VisibleLatency"), pair(r, "Checkpoint"),
          r.get("latencyMeanStudentsRun") == null ? "-" : String.format("%.2f", (double) r.get("latencyMeanStudentsRun")));
    }
    printCpu(out, runs);
    printSlowestCheckpoints(out, runs);
    if (report.get("throughputRatioVsIdentity") == null) {
      out.println("no stream count drained: no figures");
      return;
    }
    double ratio = (double) report.get("throughputRatioVsIdentity");
    double p99 = (double) report.get("p99LatencyMs");
    double p99Emit = (double) report.get("p99EmitLatencyMs");
    double p99OnTopic = (double) report.get("p99OnTopicLatencyMs");
    out.println();
    out.println("throughput: events/s between 10% and 90% of the outputs of a pre-published backlog, both jobs alike; "
        + "each stream count drains it in " + report.get("repeats") + " pair(s) (identity, then SNE): the row is the "
        + "pair with the median ratio");
    out.println("latency: at half the SNE job's maximum events/s and packets/s (one packet per step per stream; 'clock' "
        + "= stream time / wall time, < 1 when real time would exceed half the packet rate), from the wall time the "
        + "last packet of a window was sent; 'emit' = to the Classification's processedAtMs, 'topic' = to its receipt "
        + "by a read_uncommitted consumer (on the output topic, its transaction still open), 'commit' = to its receipt "
        + "by a read_committed consumer (includes up to one checkpoint interval, " + report.get("checkpointIntervalMs")
        + " ms, and the checkpoint), 'ckpt' = the checkpoints' durations meanwhile (trigger to last acknowledgement), "
        + "'students' = students the gate ran per window; "
        + "each run's first " + (long) E2eRun.LEAD_IN_SECONDS + " s are a lead-in, not timed");
    out.printf("throughput vs identity (worst): %.2fx   target >= 0.5x: %s%n", ratio, ratio >= 0.5 ? "met" : "NOT met");
    out.printf("p99 latency (worst): emit %.0f ms, on topic %.0f ms, commit %.0f ms   target <= window %.0f ms + 20 ms "
        + "= %.0f ms: emit %s, on topic %s, commit %s%n", p99Emit, p99OnTopic, p99, windowMs, windowMs + 20,
        verdict(p99Emit, windowMs + 20), verdict(p99OnTopic, windowMs + 20), verdict(p99, windowMs + 20));
  }

  @SuppressWarnings("unchecked")
  private static String pairRatios(Map<String, Object> r) {
    List<Double> ratios = (List<Double>) r.get("throughputRatiosOfPairs");
    if (ratios == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    for (Double x : ratios) {
      b.append(b.length() == 0 ? "" : " ").append(x == null ? "?" : String.format("%.2f", x));
    }
    return b.toString();
  }

  /** CPU per packet of the whole JVM (broker, Flink, bench included), identity vs SNE, and the SNE job's components. */
  @SuppressWarnings("unchecked")
  private static void printCpu(PrintStream out, List<Map<String, Object>> runs) {
    out.println();
    out.println("CPU per packet, ms (whole JVM between the 10% and 90% marks; the SNE job's share by component):");
    for (Map<String, Object> r : runs) {
      Map<String, Double> identity = (Map<String, Double>) r.get("identityCpuMsPerPacket");
      Map<String, Double> sne = (Map<String, Double>) r.get("sneCpuMsPerPacket");
      if (identity == null || sne == null || !identity.containsKey("total") || !sne.containsKey("total")) {
        continue;
      }
      StringBuilder parts = new StringBuilder();
      sne.entrySet().stream().filter(e -> !e.getKey().equals("total"))
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .forEach(e -> parts.append(String.format("  %s %.3f", e.getKey(), e.getValue())));
      out.printf("%7d streams: identity %.3f, SNE %.3f (%.1fx) |%s%n", r.get("streams"), identity.get("total"),
          sne.get("total"), sne.get("total") / identity.get("total"), parts);
      Map<String, Double> identityKb = (Map<String, Double>) r.get("identityAllocatedKbPerPacket");
      Map<String, Double> sneKb = (Map<String, Double>) r.get("sneAllocatedKbPerPacket");
      StringBuilder kbParts = new StringBuilder();
      sneKb.entrySet().stream().filter(e -> !e.getKey().equals("total"))
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(5)
          .forEach(e -> kbParts.append(String.format("  %s %.1f", e.getKey(), e.getValue())));
      out.printf("%7s  heap KB allocated per packet: identity %.1f, SNE %.1f |%s%n", "", identityKb.get("total"),
          sneKb.get("total"), kbParts);
    }
  }

  /** Each stream count's slowest checkpoint of the latency run, task by task (ms after its trigger). */
  @SuppressWarnings("unchecked")
  private static void printSlowestCheckpoints(PrintStream out, List<Map<String, Object>> runs) {
    out.println();
    out.println("slowest checkpoint of each latency run: per task, the subtask that acknowledged last, ms after the "
        + "trigger (barrier after = its start delay):");
    for (Map<String, Object> r : runs) {
      List<Map<String, Object>> slowest = (List<Map<String, Object>>) r.get("slowestCheckpoints");
      if (slowest == null || slowest.isEmpty()) {
        continue;
      }
      Map<String, Object> c = slowest.get(0);
      StringBuilder b = new StringBuilder();
      for (Map<String, Object> t : (List<Map<String, Object>>) c.get("tasks")) {
        b.append(String.format("%n%9s %-44s ack %4d  barrier after %4d  align %4d  sync %4d  async %4d", "",
            shortName((String) t.get("task")) + "[" + t.get("subtask") + "]", t.get("ackMs"), t.get("startDelayMs"),
            t.get("alignmentMs"), t.get("syncMs"), t.get("asyncMs")));
      }
      out.printf("%7d streams: %d ms (checkpoint %d, %.1f s into the timed run)%s%n", r.get("streams"),
          c.get("durationMs"), c.get("id"), ((Number) c.get("triggeredAtMs")).longValue() / 1000.0, b);
    }
  }

  /** Flink names chained tasks "A -> B -> C"; the first and last operators say which task it is. */
  private static String shortName(String name) {
    String[] ops = name.split(" -> ");
    String s = ops.length <= 2 ? name : ops[0] + " -> .. -> " + ops[ops.length - 1];
    return s.length() <= 44 ? s : s.substring(0, 41) + "...";
  }

  private static String pair(Map<String, Object> r, String kind) {
    return String.format("%s / %s", ms(r.get("p50" + kind + "Ms")), ms(r.get("p99" + kind + "Ms")));
  }

  private static String ms(Object value) {
    return value == null ? "-" : String.format("%.0f", (double) value);
  }

  private static String verdict(double value, double limit) {
    return value <= limit ? "met" : "NOT met";
  }
}
