package io.sne.cli;

import io.sne.job.JobSettings;
import io.sne.job.SneJob;
import io.sne.job.operator.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

  @Option(names = "--checkpoint-interval-ms", defaultValue = "2000", description = "Exactly-once commit interval (default: ${DEFAULT-VALUE}).")
  long checkpointIntervalMs;

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
    List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrap, "--model", model.toString(),
        "--input-topic", inputTopic, "--output-topic", outputTopic, "--dead-letter-topic", deadLetterTopic,
        "--group-id", groupId, "--checkpoint-interval-ms", String.valueOf(checkpointIntervalMs),
        "--out-of-orderness-us", String.valueOf(outOfOrdernessUs),
        "--stream-idle-timeout-ms", String.valueOf(streamIdleTimeoutMs), "--parallelism", String.valueOf(parallelism)));
    if (kafkaProperties != null) {
      args.addAll(List.of("--kafka-properties", kafkaProperties.toString()));
    }
    JobSettings settings = JobSettings.fromArgs(args.toArray(String[]::new));
    ModelFile modelFile = ModelFile.read(settings.modelPath());
    StreamExecutionEnvironment env = flink == null ? StreamExecutionEnvironment.getExecutionEnvironment() : remote();
    SneJob.define(env, settings, modelFile, false);
    System.out.println("sne run: " + settings.inputTopic() + " -> " + settings.outputTopic() + " on " + bootstrap
        + (flink == null ? " (local Flink)" : " (Flink cluster " + flink + ")"));
    env.execute("sne: " + settings.inputTopic() + " -> " + settings.outputTopic());
    return 0;
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
    return StreamExecutionEnvironment.createRemoteEnvironment(hostPort[0], Integer.parseInt(hostPort[1]), jar.toString());
  }

  private static Path defaultJobJar() {
    return ProjectFiles.resolve("flink-jobs/job/target/sne-job.jar");
  }
}
