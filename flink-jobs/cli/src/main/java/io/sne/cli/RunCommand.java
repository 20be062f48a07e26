package io.sne.cli;

import io.sne.job.JobSettings;
import io.sne.job.SneJob;
import io.sne.job.operator.ModelFile;
import io.sne.train.EdgeFilters;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sne run}: the streaming job against a real Kafka cluster, in this process (a local Flink
 * MiniCluster) or submitted to a Flink cluster's REST endpoint with the job jar. Security settings
 * come from the properties file.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Run the streaming job against a Kafka cluster: EventPackets from --input-topic, Classifications to "
            + "--output-topic and rejected records to --dead-letter-topic, exactly-once.",
        "Runs in this process unless --flink names a cluster's REST endpoint (HOST:PORT); then the job jar "
            + "(flink-jobs/job/target/sne-job.jar, built by ./sne) is submitted there."})
final class RunCommand implements Callable<Integer> {
  @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file (checked before the job starts).")
  Path model;

  @Option(names = "--kafka-properties", paramLabel = "FILE",
      description = "Kafka client settings for source and sinks (security.protocol, sasl.*, ssl.*, ...).")
  Path kafkaProperties;

  @Option(names = "--input-topic", defaultValue = JobSettings.DEFAULT_INPUT_TOPIC, description = "(default: ${DEFAULT-VALUE})")
  String inputTopic;

  @Option(names = "--output-topic", defaultValue = JobSettings.DEFAULT_OUTPUT_TOPIC, description = "(default: ${DEFAULT-VALUE})")
  String outputTopic;

  @Option(names = "--dead-letter-topic", defaultValue = JobSettings.DEFAULT_DEAD_LETTER_TOPIC, description = "(default: ${DEFAULT-VALUE})")
  String deadLetterTopic;

  @Option(names = "--group-id", defaultValue = "sne-job", description = "Consumer group (default: ${DEFAULT-VALUE}).")
  String groupId;

  @Option(names = {"--checkpoint-interval", "--checkpoint-interval-ms"}, paramLabel = "MS", defaultValue = "2000",
      description = "Exactly-once commit interval: results appear to read_committed consumers when the checkpoint after "
          + "them completes (default: ${DEFAULT-VALUE}).")
  long checkpointIntervalMs;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR|URI",
      description = "Where checkpoints go. In this process: default ${java.io.tmpdir}/sne-run-checkpoints (Flink adds a "
          + "folder per job); never JobManager memory, which caps state at 5 MB. With --flink: a URI every "
          + "cluster node can reach (default: the cluster's own setting).")
  String checkpointDir;

  @Option(names = "--buffer-timeout-ms", defaultValue = "" + JobSettings.DEFAULT_BUFFER_TIMEOUT_MS,
      description = "Longest a record waits in a network buffer between tasks (default: ${DEFAULT-VALUE}; Flink's own is 100).")
  long bufferTimeoutMs;

  @Option(names = "--transaction-naming", paramLabel = "incrementing|pooling", defaultValue = "incrementing",
      description = "How the exactly-once sinks name their Kafka transactions (default: ${DEFAULT-VALUE}, the connector's): "
          + "incrementing takes a new transactional id at every checkpoint, which the broker keeps for 7 days; pooling "
          + "reuses a few per sink subtask, and needs Kafka 3.0+, read access to the output topics and those topics to "
          + "exist before the job starts.")
  String transactionNaming;

  @Option(names = "--out-of-orderness-us", defaultValue = "50000",
      description = "Watermark lag: must cover a packet's span plus the skew between streams sharing a partition (default: ${DEFAULT-VALUE}).")
  long outOfOrdernessUs;

  @Option(names = "--stream-idle-timeout-ms", defaultValue = "30000",
      description = "Flush and evict a stream silent this long (default: ${DEFAULT-VALUE}).")
  long streamIdleTimeoutMs;

  @Option(names = "--parallelism", defaultValue = "0", description = "Job parallelism (0: the cluster's default).")
  int parallelism;

  @Option(names = "--flink", paramLabel = "HOST:PORT", description = "Submit to this Flink cluster (REST address) instead of running here.")
  String flink;

  @Option(names = "--job-jar", paramLabel = "FILE", description = "Job jar to submit with --flink (default: the one ./sne builds).")
  Path jobJar;

  @Override
  public Integer call() throws Exception {
    JobSettings settings = settings();
    JobClient job = submit(settings);
    System.out.println("sne run: " + settings.inputTopic() + " -> " + settings.outputTopic() + " on " + bootstrap
        + (flink == null ? " (local Flink, checkpoints in " + checkpointDirectory() + ")" : " (Flink cluster " + flink + ")"));
    filterNote(ModelFile.read(settings.modelPath()).load()).ifPresent(System.out::println);
    job.getJobExecutionResult().get();
    return 0;
  }

  /**
   * For a model trained behind edge filters: which filters its producers must apply. The job classifies what arrives;
   * the filters belong on the producer's side, as on a camera's edge device.
   */
  static java.util.Optional<String> filterNote(io.sne.runtime.model.SneModel model) {
    List<String> trainedBehind = EdgeFilters.trainedBehind(model);
    if (trainedBehind.isEmpty()) {
      return java.util.Optional.empty();
    }
    String specs = String.join(" ", trainedBehind.stream().map(f -> "--filter " + f).toList());
    return java.util.Optional.of("note: the model was trained behind the edge filters " + String.join(", ", trainedBehind)
        + "; send it events filtered the same way (sne replay / sne ingest udp " + specs + ")");
  }

  /** The job's settings from the options, checked as the job jar checks its arguments. */
  JobSettings settings() throws IOException {
    List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrap, "--model", model.toString(),
        "--input-topic", inputTopic, "--output-topic", outputTopic, "--dead-letter-topic", deadLetterTopic,
        "--group-id", groupId, "--checkpoint-interval-ms", String.valueOf(checkpointIntervalMs),
        "--out-of-orderness-us", String.valueOf(outOfOrdernessUs),
        "--stream-idle-timeout-ms", String.valueOf(streamIdleTimeoutMs), "--parallelism", String.valueOf(parallelism),
        "--buffer-timeout-ms", String.valueOf(bufferTimeoutMs), "--transaction-naming", transactionNaming));
    if (kafkaProperties != null) {
      args.addAll(List.of("--kafka-properties", kafkaProperties.toString()));
    }
    return JobSettings.fromArgs(args.toArray(String[]::new));
  }

  /** Checks the model, defines the job and starts it, here or on the cluster. */
  JobClient submit(JobSettings settings) throws Exception {
    ModelFile modelFile = ModelFile.read(settings.modelPath());
    StreamExecutionEnvironment env = flink == null ? local() : remote();
    SneJob.define(env, settings, modelFile, false);
    return env.executeAsync("sne: " + settings.inputTopic() + " -> " + settings.outputTopic());
  }

  private StreamExecutionEnvironment local() {
    return StreamExecutionEnvironment.getExecutionEnvironment(CheckpointsOnDisk.in(new Configuration(), checkpointDirectory()));
  }

  URI checkpointDirectory() {
    if (checkpointDir != null) {
      return checkpointDir.contains("://") ? URI.create(checkpointDir) : Path.of(checkpointDir).toAbsolutePath().toUri();
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "sne-run-checkpoints").toUri();
  }

  private StreamExecutionEnvironment remote() throws Exception {
    String[] hostPort = flink.split(":");
    if (hostPort.length != 2) {
      throw new IllegalArgumentException("--flink must be HOST:PORT (the cluster's REST address), got '" + flink + "'");
    }
    Path jar = jobJar != null ? jobJar : defaultJobJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("job jar " + jar + " not found; build it with 'mvn -pl flink-jobs/job -am package -DskipTests'");
    }
    Configuration config = checkpointDir == null ? new Configuration()
        : CheckpointsOnDisk.in(new Configuration(), checkpointDirectory());
    return StreamExecutionEnvironment.createRemoteEnvironment(hostPort[0], Integer.parseInt(hostPort[1]), config,
        jar.toString());
  }

  private static Path defaultJobJar() {
    return ProjectFiles.resolve("flink-jobs/job/target/sne-job.jar");
  }
}
