package io.sne.job;

import io.sne.job.kafka.KafkaConnectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The baseline the end-to-end benchmark compares the SNE job with: the same Kafka ends (read_committed
 * source, exactly-once transactional sink, same checkpointing) copying every record unchanged from
 * the input topic to the output topic. What it costs is the price of Kafka + Flink + exactly-once
 * alone; the SNE job's throughput over this one is what the ensemble itself costs.
 */
public final class IdentityJob {
  private IdentityJob() {}

  /**
   * Defines the copy job with {@code s}'s bootstrap, topics ({@code inputTopic -> outputTopic}), group,
   * transactional id prefix, checkpoint interval, buffer timeout and parallelism; the model and timing are unused.
   */
  public static void define(StreamExecutionEnvironment env, JobSettings s) {
    env.enableCheckpointing(s.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
    env.setBufferTimeout(s.bufferTimeoutMs());
    // Chained operators hand records on without a defensive deep copy: none of ours keeps or changes its input.
    env.getConfig().enableObjectReuse();
    if (s.parallelism() > 0) {
      env.setParallelism(s.parallelism());
    }
    env.fromSource(KafkaConnectors.rawSource(s.bootstrapServers(), s.inputTopic(), s.groupId(), s.kafkaClient()),
            WatermarkStrategy.noWatermarks(), "identity-source").uid("identity-source")
        .sinkTo(KafkaConnectors.rawSink(s.bootstrapServers(), s.outputTopic(), s.transactionalIdPrefix() + "-identity",
            s.kafkaClient(), s.transactionNaming()))
        .name("identity-sink").uid("identity-sink");
  }
}
