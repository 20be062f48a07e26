package io.sne.cli;

import java.util.stream.Stream;
import java.util.Comparator;
import java.io.IOException;
import io.sne.ingest.EventPacketPublisher;
import io.sne.events.transform.StreamTransforms;
import io.sne.train.EdgeFilters;
import io.sne.ingest.replay.Replayer;
import io.sne.ingest.replay.StreamPlan;
import io.sne.job.JobSettings;
import io.sne.job.SneJob;
import io.sne.job.operator.Classifications;
import io.sne.job.operator.ModelFile;
import io.sne.kafka.EmbeddedKafka;
import io.sne.runtime.model.SneModel;
import io.sne.schemas.Classification;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sne demo}: the whole system on one machine. An in-process Kafka broker (KRaft) and a Flink
 * MiniCluster run the streaming job; the committed sample recordings are replayed into Kafka as
 * several concurrent streams; classifications are read back (read_committed) and shown live, then
 * summarised.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Run the streaming job on an embedded Kafka broker and Flink MiniCluster, replay the sample recordings "
            + "as concurrent streams, print each classification live, then accuracy, energy per decision, "
            + "energy vs the teacher and events/s."})
final class DemoCommand implements Callable<Integer> {
  static final Path DEFAULT_MODEL = ProjectFiles.resolve("samples/models/fmnist-events.safetensors");
  static final Path DEFAULT_RECORDINGS = ProjectFiles.resolve("samples/recordings/fashion-mnist-events");

  @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: ${DEFAULT-VALUE}).")
  Path model = DEFAULT_MODEL;

  @Option(names = "--recordings", paramLabel = "DIR",
      description = "Folder of labelled recordings with labels.csv (default: ${DEFAULT-VALUE}).")
  Path recordings = DEFAULT_RECORDINGS;

  @Option(names = "--streams", defaultValue = "4", description = "Concurrent streams the recordings are dealt to (default: ${DEFAULT-VALUE}).")
  int streams;

  @Option(names = "--speed", defaultValue = "1", description = "Replay speed, event time / wall time (default: ${DEFAULT-VALUE}: real time).")
  double speed;

  @Option(names = "--seconds", paramLabel = "N", defaultValue = "120",
      description = "Stop after N seconds even if not every window was classified (default: ${DEFAULT-VALUE}).")
  long seconds;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON.")
  Path json;

  @Option(names = {"--checkpoint-interval", "--checkpoint-interval-ms"}, paramLabel = "MS", defaultValue = "500",
      description = "Exactly-once checkpoint interval: classifications appear (read_committed) when the checkpoint "
          + "after them completes (default: ${DEFAULT-VALUE}).")
  long checkpointIntervalMs;

  @Mixin
  StreamTransformOptions transformOptions;

  private StreamTransforms transforms = StreamTransforms.NONE;

  @Override
  public Integer call() throws Exception {
    validate();
    transforms = transformOptions.parse(); // a bad spec fails before the model loads
    ModelFile modelFile = ModelFile.read(model);
    SneModel sne = modelFile.load();
    List<String> trainedBehind = EdgeFilters.trainedBehind(sne);
    transforms = transformOptions.parse(trainedBehind);
    List<StreamPlan> plans = deal(StreamPlan.of(List.of(recordings), null, sne.input().windowUs()), streams);
    int expected = plans.stream().mapToInt(p -> p.segments().size()).sum();
    PrintStream out = System.out;
    out.printf("sne demo: model %s (T=%d x %d us windows), %d recordings on %d streams at %.1fx real time%n",
        Classifications.modelId(sne), sne.input().timeSteps(), sne.input().dtUs(), expected, plans.size(), speed);
    if (!trainedBehind.isEmpty()) {
      out.println("the model was trained behind the edge filters " + String.join(", ", trainedBehind)
          + ": every stream passes them before it is sent, as on the camera's edge device");
    }
    if (!transforms.isEmpty()) {
      out.println("every stream goes through " + transforms.describe());
    }

    Path checkpoints = Files.createTempDirectory("sne-demo-checkpoints");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      JobSettings settings = settings(kafka.bootstrapServers());
      kafka.createTopic(settings.inputTopic(), parallelism);
      kafka.createTopic(settings.outputTopic(), parallelism);
      kafka.createTopic(settings.deadLetterTopic(), 1);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, flinkConfig(checkpoints));
      SneJob.define(env, settings, modelFile, false);
      out.println("starting the Flink job (embedded broker at " + kafka.bootstrapServers() + ")...");
      JobClient job = env.executeAsync("sne demo");
      awaitRunning(job);
      try (ClassificationConsumer results = new ClassificationConsumer(kafka.bootstrapServers(), settings.outputTopic(),
          new Properties(), true)) {
        return run(kafka, settings, plans, expected, sne, results, job, out);
      } finally {
        job.cancel().get(30, TimeUnit.SECONDS);
      }
    } finally {
      deleteRecursively(checkpoints);
    }
  }

  private int run(EmbeddedKafka kafka, JobSettings settings, List<StreamPlan> plans, int expected, SneModel sne,
      ClassificationConsumer results, JobClient job, PrintStream out) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<Replayer.Result> replay = CompletableFuture.supplyAsync(() -> {
      try (EventPacketPublisher publisher = new EventPacketPublisher(kafka.bootstrapServers(), settings.inputTopic())) {
        return Replayer.run(plans, new Replayer.Options(10_000, speed, 1, false), transforms, publisher);
      } catch (Exception e) {
        throw new IllegalStateException("replay failed: " + e.getMessage(), e);
      }
    });
    ClassificationTable table = new ClassificationTable(out, sne.labels());
    table.header();
    DemoSummary summary = new DemoSummary();
    long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
    long lastResult = start;
    while (summary.classifications() < expected && System.nanoTime() < deadline) {
      if (job.getJobStatus().get().isTerminalState()) {
        throw new IllegalStateException("the Flink job stopped: " + job.getJobStatus().get());
      }
      if (replay.isCompletedExceptionally()) {
        replay.join();
      }
      for (Classification c : results.poll(Duration.ofMillis(200))) {
        summary.add(c);
        table.row(c);
        lastResult = System.nanoTime();
      }
    }
    Replayer.Result replayed = replay.getNow(null);
    long events = replayed == null ? 0 : replayed.events();
    double elapsed = (lastResult - start) / 1e9;
    long deadLetters = countDeadLetters(kafka, settings);
    Map<String, Object> m = summary.toMap(events, elapsed, plans.size(), Classifications.modelId(sne), deadLetters);
    m.put("transforms", transforms.describe());
    summary.print(out, m);
    if (summary.classifications() < expected) {
      out.printf("stopped after %d s with %d of %d windows classified (--seconds)%n", seconds, summary.classifications(),
          expected);
    }
    if (json != null) {
      DemoSummary.writeJson(json, m);
      out.println("summary written to " + json);
    }
    return 0;
  }

  /** Replay starts once the job runs, so events/s measures the pipeline, not the MiniCluster's start. */
  private static void awaitRunning(JobClient job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (job.getJobStatus().get() != org.apache.flink.api.common.JobStatus.RUNNING) {
      if (job.getJobStatus().get().isTerminalState() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the Flink job did not start: " + job.getJobStatus().get());
      }
      Thread.sleep(100);
    }
  }

  private static long countDeadLetters(EmbeddedKafka kafka, JobSettings settings) throws Exception {
    try (var admin = kafka.admin()) {
      var tp = new org.apache.kafka.common.TopicPartition(settings.deadLetterTopic(), 0);
      var offsets = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).all()
          .get(30, TimeUnit.SECONDS);
      return offsets.get(tp).offset();
    }
  }

  private void validate() {
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("no model at " + model + (model.equals(DEFAULT_MODEL)
          ? ": the demo model is trained with 'sne train --config samples/models/configs/fmnist-events.yaml', or pass --model FILE"
          : ""));
    }
    if (!Files.isDirectory(recordings)) {
      throw new IllegalArgumentException("no recordings folder " + recordings);
    }
    if (streams < 1 || parallelism < 1 || seconds < 1 || speed <= 0 || checkpointIntervalMs < 1) {
      throw new IllegalArgumentException("--streams, --parallelism, --seconds, --speed and --checkpoint-interval must be positive");
    }
  }

  /** Deals one labelled stream's recordings round-robin onto {@code n} streams, each period-aligned from 0. */
  static List<StreamPlan> deal(List<StreamPlan> folder, int n) {
    List<StreamPlan.Segment> all = new ArrayList<>();
    long periodUs = 0;
    for (StreamPlan plan : folder) {
      all.addAll(plan.segments());
      periodUs = Math.max(periodUs, plan.periodUs());
    }
    int count = Math.min(n, all.size());
    List<List<StreamPlan.Segment>> dealt = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      dealt.add(new ArrayList<>());
    }
    for (int i = 0; i < all.size(); i++) {
      dealt.get(i % count).add(all.get(i));
    }
    List<StreamPlan> plans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      plans.add(new StreamPlan("demo-" + i, dealt.get(i), periodUs));
    }
    return plans;
  }

  private JobSettings settings(String bootstrap) {
    return new JobSettings(bootstrap, model, new Properties(), JobSettings.DEFAULT_INPUT_TOPIC,
        JobSettings.DEFAULT_OUTPUT_TOPIC, JobSettings.DEFAULT_DEAD_LETTER_TOPIC, "sne-demo", "sne-demo",
        checkpointIntervalMs, 50_000, 1_000, 10_000, parallelism, JobSettings.DEFAULT_BUFFER_TIMEOUT_MS,
        JobSettings.DEFAULT_TRANSACTION_NAMING);
  }

  private Configuration flinkConfig(Path checkpoints) {
    Configuration c = new Configuration();
    c.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    return CheckpointsOnDisk.in(c, checkpoints.toUri());
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
