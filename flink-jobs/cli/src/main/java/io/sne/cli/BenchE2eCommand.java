package io.sne.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sne.job.JobSettings;
import io.sne.job.operator.ModelFile;
import io.sne.kafka.EmbeddedKafka;
import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.model.InputSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sne bench e2e}: the streaming job end to end on the embedded broker and a MiniCluster, next
 * to an identity job (same Kafka ends, same exactly-once settings) measured in the same run.
 */
@Command(
    name = "e2e",
    mixinStandardHelpOptions = true,
    description = {
        "Events/s through the SNE job (Kafka -> Flink -> Kafka, exactly-once) vs an identity job on the same records, "
            + "and p50/p99 latency from a window's end on the input to its Classification, for several stream counts."})
final class BenchE2eCommand implements Callable<Integer> {
  static final long SEED = 42;

  @Option(names = "--quick", description = "Smaller workloads (seconds, not minutes).")
  boolean quick;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Option(names = "--streams", split = ",", paramLabel = "N[,N...]", description = "Concurrent stream counts (default: 1,8,64).")
  List<Integer> streams = List.of(1, 8, 64);

  @Option(names = "--seconds", paramLabel = "N", description = "Length of each paced latency run (default: 10, --quick: 3); "
      + "longer where needed to time at least 150 windows per stream (--quick: 10), so that a p99 is not just the "
      + "slowest of a few window ends; after a 2 s lead-in that is not timed.")
  Integer seconds;

  @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: the demo model if trained, else "
      + "a seeded random reference model).")
  Path model;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism of both jobs (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = {"--checkpoint-interval", "--checkpoint-interval-ms"}, paramLabel = "MS", defaultValue = "100",
      description = "Checkpoint interval of both jobs, ms: results become visible to read_committed consumers when "
          + "the checkpoint after them completes (default: ${DEFAULT-VALUE}).")
  long checkpointIntervalMs;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Where both jobs write their checkpoints "
      + "(default: a fresh folder in /dev/shm where the machine has it, else in the temporary directory). Flink's "
      + "MiniCluster keeps checkpoints in memory by default; a local disk adds its own stalls to every read_committed "
      + "latency, and a remote store (S3, HDFS) its own again: name it here to measure it.")
  Path checkpointDir;

  @Option(names = "--events-per-packet", paramLabel = "N", defaultValue = "400",
      description = "Events per packet (one packet per time step per stream) in the backlog: the streams' density; the "
          + "SNN's cost is mostly per step, the identity job's per byte (default: ${DEFAULT-VALUE}).")
  int eventsPerPacket;

  @Option(names = "--events", paramLabel = "N", description = "Events in each throughput backlog (default: 10,000,000; "
      + "--quick: 100,000).")
  Long events;

  @Option(names = "--warmup-events", paramLabel = "N", description = "Events in each unmeasured warm-up round: both "
      + "jobs drain such a backlog at the first stream count, so that the JIT has compiled the hot code (default: "
      + "3,000,000; --quick: 0 = no warm-up).")
  Long warmupEvents;

  @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "3", description = "At most this many warm-up "
      + "rounds; they stop early once the JIT's compile time in a round is under 10%% of the round's wall time "
      + "(default: ${DEFAULT-VALUE}).")
  int warmupRounds;

  @Option(names = "--repeats", paramLabel = "N", description = "Throughput pairs (identity, then SNE) per stream "
      + "count; the figures are the median pair's (default: 5; --quick: 1).")
  Integer repeats;

  @Override
  public Integer call() throws Exception {
    int latencySeconds = seconds != null ? seconds : quick ? 3 : 10;
    long backlogEvents = events != null ? events : quick ? 100_000 : 10_000_000;
    long warmup = warmupEvents != null ? warmupEvents : quick ? 0 : 3_000_000;
    // Five, not three: the JIT keeps compiling Kafka's and Flink's long tail in this one JVM for minutes, and a
    // burst during one job of a pair moved single pairs' ratios by up to 0.4 (docs/benchmarks.md, 2026-11-28).
    int pairs = repeats != null ? repeats : quick ? 1 : 5;
    if (streams.isEmpty() || streams.stream().anyMatch(n -> n < 1) || latencySeconds < 1 || parallelism < 1
        || checkpointIntervalMs < 1 || backlogEvents < 1 || eventsPerPacket < 1 || warmup < 0 || warmupRounds < 0
        || pairs < 1) {
      throw new IllegalArgumentException(
          "--streams, --seconds, --parallelism, --checkpoint-interval, --events, --events-per-packet and --repeats must be "
              + "positive, "
              + "--warmup-events and --warmup-rounds at least 0");
    }
    PrintStream out = System.out;
    Path scratch = Files.createTempDirectory("sne-bench-e2e");
    ModelChoice m = chooseModel(scratch);
    InputSpec input = m.file().load().input();
    E2eWorkload workload = new E2eWorkload(input, SEED);
    E2eRig.Settings settings = new E2eRig.Settings(parallelism, checkpointIntervalMs, 1_000, 200, 20,
        JobSettings.DEFAULT_BUFFER_TIMEOUT_MS);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", m.description());
    report.put("windowMs", input.windowUs() / 1000.0);
    report.put("checkpointIntervalMs", checkpointIntervalMs);
    report.put("parallelism", parallelism);
    report.put("eventsPerPacket", eventsPerPacket);
    report.put("outOfOrdernessUs", settings.outOfOrdernessUs());
    report.put("watermarkIntervalMs", settings.watermarkIntervalMs());
    report.put("bufferTimeoutMs", settings.bufferTimeoutMs());
    report.put("quick", quick);
    report.put("warmupEvents", warmup);
    report.put("repeats", pairs);
    Path checkpoints = BenchCluster.checkpointFolder(checkpointDir);
    report.put("checkpointDir", checkpoints.toString());
    out.printf("sne bench e2e: model %s; window %.0f ms; parallelism %d; checkpoint every %d ms (exactly-once) to %s%n",
        m.description(), input.windowUs() / 1000.0, parallelism, checkpointIntervalMs, checkpoints);
    List<Map<String, Object>> runs = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); BenchCluster cluster = BenchCluster.start(parallelism, checkpoints)) {
      List<Map<String, Object>> warmups = new ArrayList<>();
      for (int round = 0; warmup > 0 && round < warmupRounds; round++) {
        Map<String, Object> w = E2eRun.warmUp(kafka, cluster, m.file(), workload, settings, streams.get(0), warmup,
            eventsPerPacket, "warmup" + round, System.err);
        warmups.add(w);
        System.err.println("[warm-up " + (round + 1) + "] " + w);
        if ((double) w.get("jitCompileShare") < 0.10) {
          break;
        }
      }
      report.put("warmup", warmups);
      for (int i = 0; i < streams.size(); i++) {
        int n = streams.get(i);
        // Topics are per run: a stream count may be listed twice (repeat measurements).
        runs.add(E2eRun.measure(kafka, cluster, m.file(), workload, settings, n, backlogEvents, eventsPerPacket,
            latencySeconds, quick ? 10 : 150, pairs, "r" + i + "-s" + n, System.err));
        System.err.println("[" + n + " streams] " + runs.get(runs.size() - 1));
      }
    } finally {
      Files.deleteIfExists(scratch);
    }
    report.put("runs", runs);
    // The worst stream count that was measured; a stream count that did not drain is reported as such in runs.
    report.put("throughputRatioVsIdentity", worst(runs, "throughputRatioVsIdentity", false));
    // p99LatencyMs is what read_committed consumers see (emit + up to one checkpoint interval + commit);
    // p99EmitLatencyMs is to the operator's emit, before the commit. Both worst over the stream counts.
    report.put("p99LatencyMs", worst(runs, "p99VisibleLatencyMs", true));
    report.put("p99LatencyKind", "read_committed visibility");
    report.put("p99EmitLatencyMs", worst(runs, "p99EmitLatencyMs", true));
    report.put("p99OnTopicLatencyMs", worst(runs, "p99OnTopicLatencyMs", true));
    report.put("latencyTargetMs", input.windowUs() / 1000.0 + 20);
    E2eReport.print(out, report, runs, input.windowUs() / 1000.0);
    if (json != null) {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
      out.println("wrote " + json);
    }
    return 0;
  }

  private static Double worst(List<Map<String, Object>> runs, String field, boolean highest) {
    var values = runs.stream().map(r -> (Double) r.get(field)).filter(v -> v != null).mapToDouble(Double::doubleValue);
    var w = highest ? values.max() : values.min();
    return w.isPresent() ? w.getAsDouble() : null;
  }

  record ModelChoice(ModelFile file, String description) {}

  private ModelChoice chooseModel(Path scratch) throws Exception {
    if (model != null) {
      if (!Files.isRegularFile(model)) {
        throw new IllegalArgumentException("--model " + model + ": no such file");
      }
      return new ModelChoice(ModelFile.read(model), model.toString());
    }
    if (Files.isRegularFile(DemoCommand.DEFAULT_MODEL)) {
      return new ModelChoice(ModelFile.read(DemoCommand.DEFAULT_MODEL), DemoCommand.DEFAULT_MODEL + " (trained)");
    }
    return new ModelChoice(ModelFile.of(RandomModels.reference(SEED), scratch),
        "random reference (RandomModels.reference(" + SEED + "); no trained model at " + DemoCommand.DEFAULT_MODEL + ")");
  }
}
