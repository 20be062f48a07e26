package io.sne.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time this JVM spent between two moments, by component (the thread-name families of the broker,
 * Flink and the jobs), plus the JVM's own threads (GC, JIT), which are no Java threads: process CPU
 * minus the Java threads' sum. Wall-clock rates on a shared 2-core machine move with other
 * people's load; CPU per record is what a component costs, whatever the load.
 */
final class CpuAccount {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> cpuNsByThread = new HashMap<>();
  private final Map<Long, Long> allocatedByThread = new HashMap<>();
  private final Map<Long, String> nameByThread = new HashMap<>();
  private final long processCpuNs;
  private final long compileMs;
  private final long gcMs;

  private CpuAccount() {
    processCpuNs = processCpuNs();
    var jit = ManagementFactory.getCompilationMXBean();
    compileMs = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    gcMs = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long ns = THREADS.getThreadCpuTime(ids[i]);
      if (infos[i] != null && ns >= 0) {
        cpuNsByThread.put(ids[i], ns);
        allocatedByThread.put(ids[i], allocatedBytes(ids[i]));
        nameByThread.put(ids[i], infos[i].getThreadName());
      }
    }
  }

  static CpuAccount now() {
    return new CpuAccount();
  }

  /** Milliseconds of CPU per component since {@code earlier} (threads born since then count from 0), and "total". */
  Map<String, Double> since(CpuAccount earlier) {
    Map<String, Double> ms = byComponent(cpuNsByThread, earlier.cpuNsByThread, 1e6);
    double javaMs = ms.remove("total");
    double totalMs = (processCpuNs - earlier.processCpuNs) / 1e6;
    ms.put("jvm (gc, jit)", Math.max(0, totalMs - javaMs));
    // Not CPU, and not part of the total: the JIT's compile time and the collectors' time (pauses and
    // concurrent phases, wall clock), to tell which of the two the JVM's share is.
    ms.put("(jit compile time)", (double) (compileMs - earlier.compileMs));
    ms.put("(gc time)", (double) (gcMs - earlier.gcMs));
    ms.put("total", totalMs);
    return ms;
  }

  /** Kilobytes allocated on the heap per component since {@code earlier} (what the GC's share above comes from). */
  Map<String, Double> allocatedKbSince(CpuAccount earlier) {
    return byComponent(allocatedByThread, earlier.allocatedByThread, 1e3);
  }

  /** Per-thread growth since {@code before}, in {@code unit}s, summed per component, plus "total". */
  private Map<String, Double> byComponent(Map<Long, Long> now, Map<Long, Long> before, double unit) {
    Map<String, Double> sums = new LinkedHashMap<>();
    double all = 0;
    for (Map.Entry<Long, Long> e : now.entrySet()) {
      double d = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / unit;
      sums.merge(component(nameByThread.get(e.getKey())), d, Double::sum);
      all += d;
    }
    sums.put("total", all);
    return sums;
  }

  /** The component a thread works for, from the names Flink, Kafka and this CLI give their threads. */
  static String component(String thread) {
    if (thread.startsWith("sne-ensemble") || thread.startsWith("Source: identity")) {
      return "job operator + sink writer"; // one chained task each: the keyed SNE operator, or the identity copy
    }
    if (thread.startsWith("Source: ")) {
      return "job source (decode, validate)";
    }
    if (thread.startsWith("Source Data Fetcher") || thread.startsWith("kafka-producer-network-thread")
        || thread.startsWith("kafka-coordinator")) {
      return "job kafka clients";
    }
    if (thread.startsWith("AsyncOperations") || thread.startsWith("Checkpoint") || thread.contains("Committer")) {
      return "job checkpoints";
    }
    if (thread.startsWith("flink-") || thread.startsWith("jobmanager") || thread.startsWith("mini-cluster")
        || thread.startsWith("OutputFlusher") || thread.startsWith("Flink") || thread.startsWith("Time Trigger")) {
      return "flink runtime";
    }
    if (thread.equals("main")) {
      return "bench (publisher, consumers)";
    }
    if (thread.contains("kafka") || thread.startsWith("data-plane") || thread.startsWith("broker")
        || thread.startsWith("quorum") || thread.startsWith("controller") || thread.startsWith("group-coordinator")
        || thread.startsWith("TxnMarker") || thread.startsWith("transaction") || thread.startsWith("ExpirationReaper")
        || thread.startsWith("LogDirFailureHandler") || thread.startsWith("raft")) {
      return "kafka broker";
    }
    return "other java";
  }

  private static long allocatedBytes(long threadId) {
    return THREADS instanceof com.sun.management.ThreadMXBean sun ? Math.max(0, sun.getThreadAllocatedBytes(threadId)) : 0;
  }

  private static long processCpuNs() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }
}
