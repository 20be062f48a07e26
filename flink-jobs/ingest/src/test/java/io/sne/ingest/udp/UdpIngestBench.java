package io.sne.ingest.udp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Sustained UDP ingest over loopback: for each target rate, a paced sender feeds a fresh ingest for
 * a warm-up and a measured window; prints one markdown table row per rate with what was ingested,
 * every drop, and the CPU time of the ingest's own threads (so "per core" is measured, not assumed,
 * on a machine the sender and other jobs share).
 *
 * <p>Arguments (key=value): sink=none|kafka, seconds=3, warmup=1, payload=512, timestamps=false,
 * rates=1,2,5,10,20 (Mev/s; 0 = unpaced), queue=4096, producer.KEY=VALUE (Kafka producer overrides). Command: docs/benchmarks.md, "UDP ingest".
 */
public final class UdpIngestBench {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;
  private static final String[] INGEST_THREADS = {"sne-udp-receiver", "sne-udp-packetiser", "kafka-producer-network-thread"};

  private final Map<String, String> options;
  private final BenchSinks.Factory sinks;

  private UdpIngestBench(Map<String, String> options, BenchSinks.Factory sinks) {
    this.options = options;
    this.sinks = sinks;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      options.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    Properties producerSettings = new Properties();
    options.forEach((key, value) -> {
      if (key.startsWith("producer.")) {
        producerSettings.put(key.substring("producer.".length()), value);
      }
    });
    try (BenchSinks.Factory sinks = BenchSinks.open(options.getOrDefault("sink", "none"), producerSettings)) {
      new UdpIngestBench(options, sinks).run();
    }
    System.exit(0); // the embedded broker's non-daemon threads must not keep the benchmark alive
  }

  private void run() throws Exception {
    int payload = Integer.parseInt(options.getOrDefault("payload", "512"));
    boolean timestamps = Boolean.parseBoolean(options.getOrDefault("timestamps", "false"));
    System.out.printf(Locale.ROOT, "sink=%s payload=%d B timestamps=%s (%d events/datagram) window=%s s, %d cores%n%n",
        sinks.name(), payload, timestamps, payload / (timestamps ? 8 : 4), options.getOrDefault("seconds", "3"),
        Runtime.getRuntime().availableProcessors());
    System.out.println("| target Mev/s | sent Mev/s | ingested Mev/s | dropped dgrams (queue / socket / kafka) | unaccounted dgrams "
        + "| receiver CPU | packetiser CPU | kafka I/O CPU | sender CPU | whole JVM CPU | Mev per ingest CPU-s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (String rate : options.getOrDefault("rates", "1,2,5,10,20").split(",")) {
      System.out.println(step(Double.parseDouble(rate) * 1e6, payload, timestamps));
    }
  }

  private String step(double eventsPerSecond, int payload, boolean timestamps) throws Exception {
    long warmupMs = (long) (Double.parseDouble(options.getOrDefault("warmup", "1")) * 1000);
    long windowMs = (long) (Double.parseDouble(options.getOrDefault("seconds", "3")) * 1000);
    IngestMetrics metrics = new IngestMetrics();
    UdpIngestConfig config = UdpIngestConfig.builder().bind("127.0.0.1", 0).streamId("bench").sensor(WIDTH, HEIGHT)
        .idleMs(600_000).statusIntervalMs(3_600_000)
        .queueCapacity(Integer.parseInt(options.getOrDefault("queue", "4096"))).build();
    PacketSink sink = sinks.create(metrics);
    UdpIngest ingest = UdpIngest.start(config, sink, metrics, line -> {});
    PacedSpifSender sender = new PacedSpifSender(ingest.localAddress(), WIDTH, HEIGHT, payload, timestamps, eventsPerSecond);
    Thread senderThread = new Thread(sender, "bench-sender");
    senderThread.start();
    Thread.sleep(warmupMs);

    Map<String, Long> cpuBefore = cpuNanosByThread();
    long processCpuBefore = processCpuNanos();
    IngestMetrics.Snapshot before = ingest.snapshot();
    long sentBefore = sender.sentEvents();
    Thread.sleep(windowMs);
    Map<String, Long> cpuAfter = cpuNanosByThread();
    long processCpuAfter = processCpuNanos();
    IngestMetrics.Snapshot after = ingest.snapshot();
    long sentAfter = sender.sentEvents();

    sender.stop();
    senderThread.join();
    awaitDrained(ingest, sender.sentDatagrams());
    ingest.close();
    sink.close();
    IngestMetrics.Snapshot end = ingest.snapshot();

    double seconds = (after.atNanos() - before.atNanos()) / 1e9;
    double ingested = (after.events() - before.events()) / seconds;
    long socketDrops = Math.max(0, end.socketBufferDrops());
    long unaccounted = sender.sentDatagrams() - end.datagrams() - socketDrops;
    Function<String, Double> cpuShare = name -> (cpuAfter.getOrDefault(name, 0L) - cpuBefore.getOrDefault(name, 0L)) / 1e9 / seconds;
    double ingestCpuSeconds = 0;
    for (String name : INGEST_THREADS) {
      ingestCpuSeconds += cpuShare.apply(name) * seconds;
    }
    return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d / %d / %d | %d | %s | %s | %s | %s | %s | %.1f |",
        eventsPerSecond == 0 ? "unpaced" : String.format(Locale.ROOT, "%.1f", eventsPerSecond / 1e6),
        (sentAfter - sentBefore) / seconds / 1e6, ingested / 1e6,
        end.queueFullDatagrams(), socketDrops, end.kafkaFailedPackets(), unaccounted,
        percent(cpuShare.apply(INGEST_THREADS[0])), percent(cpuShare.apply(INGEST_THREADS[1])),
        percent(cpuShare.apply(INGEST_THREADS[2])), percent(cpuShare.apply("bench-sender")),
        percent((processCpuAfter - processCpuBefore) / 1e9 / seconds),
        (after.events() - before.events()) / 1e6 / Math.max(1e-9, ingestCpuSeconds));
  }

  /** Waits until every datagram sent has been received or dropped by the kernel, then for the queue to empty. */
  private static void awaitDrained(UdpIngest ingest, long sentDatagrams) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long events = -1;
    while (System.nanoTime() < deadline) {
      IngestMetrics.Snapshot now = ingest.snapshot();
      if (now.datagrams() + Math.max(0, now.socketBufferDrops()) >= sentDatagrams && now.events() == events) {
        return;
      }
      events = now.events();
      Thread.sleep(100);
    }
  }

  /** CPU time of live threads, by name prefix of interest (the Kafka I/O thread's name carries a client id). */
  private static Map<String, Long> cpuNanosByThread() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> cpu = new HashMap<>();
    List<String> names = new ArrayList<>(List.of(INGEST_THREADS));
    names.add("bench-sender");
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      for (String name : names) {
        if (thread.getName().startsWith(name)) {
          long nanos = threads.getThreadCpuTime(thread.getId());
          if (nanos > 0) {
            cpu.merge(name, nanos, Long::sum);
          }
        }
      }
    }
    return cpu;
  }

  /** CPU time of the whole JVM: with sink=kafka it includes the embedded broker's threads. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
