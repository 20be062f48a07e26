package io.sne.job;

import io.sne.job.kafka.KafkaConnectors;
import io.sne.job.operator.ModelFile;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming job's entry point (the job jar's main class): Kafka EventPackets in,
 * Classifications and dead letters out, exactly-once. {@code main} only wires; see
 * {@link SneWorkflow} for the graph.
 */
public final class SneJob {
  private SneJob() {}

  public static void main(String[] args) throws Exception {
    JobSettings settings = JobSettings.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    define(env, settings, ModelFile.read(settings.modelPath()), false);
    env.execute("sne: " + settings.inputTopic() + " -> " + settings.outputTopic());
  }

  /**
   * Configures exactly-once checkpointing and defines the graph against Kafka. The model is read
   * (and refused if bad) by the caller before anything runs.
   */
  public static void define(StreamExecutionEnvironment env, JobSettings s, ModelFile model, boolean boundedInput) {
    env.enableCheckpointing(s.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
    env.setBufferTimeout(s.bufferTimeoutMs());
    // Chained operators hand records on without a defensive deep copy: none of ours keeps or changes its input.
    env.getConfig().enableObjectReuse();
    if (s.parallelism() > 0) {
      env.setParallelism(s.parallelism());
    }
    Sinks sinks = new Sinks(
        classifications -> classifications
            .sinkTo(KafkaConnectors.classificationSink(s.bootstrapServers(), s.outputTopic(), s.transactionalIdPrefix(),
                s.kafkaClient(), s.transactionNaming()))
            .name("classifications-sink").uid("classifications-sink"),
        // One writer for the dead letters: they are rare, and every sink subtask pays at each checkpoint
        // (barrier alignment, a transaction) whether it wrote or not; at parallelism 2 that task cost a tenth
        // of the SNE operator's CPU in a profile of the benchmark, with no dead letter at all.
        deadLetters -> deadLetters
            .sinkTo(KafkaConnectors.deadLetterSink(s.bootstrapServers(), s.deadLetterTopic(), s.transactionalIdPrefix(),
                s.kafkaClient(), s.transactionNaming()))
            .setParallelism(1)
            .name("dead-letters-sink").uid("dead-letters-sink"));
    SneWorkflow.define(env,
        KafkaConnectors.source(s.bootstrapServers(), s.inputTopic(), s.groupId(), s.kafkaClient(), boundedInput),
        model, s.timing(), sinks);
  }
}
