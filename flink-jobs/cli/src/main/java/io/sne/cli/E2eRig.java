package io.sne.cli;

import io.sne.ingest.EventPacketPublisher;
import io.sne.job.IdentityJob;
import io.sne.job.JobSettings;
import io.sne.job.SneJob;
import io.sne.job.operator.ModelFile;
import io.sne.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One benchmarked job on the embedded broker and the bench's {@link BenchCluster}, on fresh topics: a publisher
 * into its input topic and two consumers of its output topic, {@code read_committed} (what users
 * see, once the checkpoint commits) and {@code read_uncommitted} (the job's progress as it writes,
 * not in steps of one checkpoint). The job starts on {@link #startJob}, so a backlog can be
 * published first.
 */
final class E2eRig implements AutoCloseable {
  private static final long STATUS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** The bench's settings, the same for the SNE and the identity job. */
  record Settings(int parallelism, long checkpointIntervalMs, long outOfOrdernessUs, long sourceIdlenessMs,
      long watermarkIntervalMs, long bufferTimeoutMs) {}

  private final EmbeddedKafka kafka;
  private final String deadLetterTopic;
  private final BenchCluster cluster;
  private final StreamExecutionEnvironment env;
  private final String name;
  private final EventPacketPublisher publisher;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaConsumer<byte[], byte[]> written;
  private JobID job;
  private long lastStatusCheckNanos = System.nanoTime() - STATUS_CHECK_NANOS;

  private E2eRig(EmbeddedKafka kafka, String deadLetterTopic, BenchCluster cluster, StreamExecutionEnvironment env,
      String name, EventPacketPublisher publisher, KafkaConsumer<byte[], byte[]> consumer,
      KafkaConsumer<byte[], byte[]> written) {
    this.kafka = kafka;
    this.deadLetterTopic = deadLetterTopic;
    this.cluster = cluster;
    this.env = env;
    this.name = name;
    this.publisher = publisher;
    this.consumer = consumer;
    this.written = written;
  }

  /** Prepares the SNE job ({@code model} non-null) or the identity job ({@code model} null); {@link #startJob} runs it. */
  static E2eRig create(EmbeddedKafka kafka, BenchCluster cluster, String name, ModelFile model, Settings b)
      throws Exception {
    JobSettings s = new JobSettings(kafka.bootstrapServers(), Path.of(model == null ? "none" : model.name()),
        new Properties(), name + ".in", name + ".out", name + ".dead-letters", name, name, b.checkpointIntervalMs(),
        b.outOfOrdernessUs(), b.sourceIdlenessMs(), 60_000, b.parallelism(), b.bufferTimeoutMs(),
        JobSettings.DEFAULT_TRANSACTION_NAMING);
    kafka.createTopic(s.inputTopic(), b.parallelism());
    kafka.createTopic(s.outputTopic(), b.parallelism());
    kafka.createTopic(s.deadLetterTopic(), 1);
    Configuration c = new Configuration();
    c.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(b.watermarkIntervalMs()));
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(c);
    env.setParallelism(b.parallelism());
    if (model == null) {
      IdentityJob.define(env, s);
    } else {
      SneJob.define(env, s, model, false);
    }
    return new E2eRig(kafka, s.deadLetterTopic(), cluster, env, name,
        new EventPacketPublisher(kafka.bootstrapServers(), s.inputTopic()),
        consumer(kafka, name + "-reader", s.outputTopic(), "read_committed"),
        consumer(kafka, name + "-progress", s.outputTopic(), "read_uncommitted"));
  }

  private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafka kafka, String group, String topic,
      String isolation) {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, ClassificationConsumer.FETCH_MAX_WAIT_MS),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** Submits the job and waits until it runs. */
  void startJob() throws Exception {
    job = cluster.run(env, "sne bench e2e: " + name);
  }

  /** End-to-end durations (ms, sorted) of the job's completed checkpoints triggered between the two wall times. */
  long[] checkpointDurationsMs(long fromMs, long toMs) throws Exception {
    return cluster.checkpointDurationsMs(job, fromMs, toMs);
  }

  /** The {@code count} slowest checkpoints triggered between the two wall times, task by task. */
  List<CheckpointAnatomy.Checkpoint> slowestCheckpoints(long fromMs, long toMs, int count) throws Exception {
    return cluster.slowestCheckpoints(job, fromMs, toMs, count);
  }

  EventPacketPublisher publisher() {
    return publisher;
  }

  /** Committed output records, after checking the job is still alive. */
  ConsumerRecords<byte[], byte[]> poll(Duration timeout) throws Exception {
    failIfStopped();
    return consumer.poll(timeout);
  }

  /** How many output records the job has written since the last call, committed or not (its progress). */
  int pollWritten(Duration timeout) throws Exception {
    failIfStopped();
    return written.poll(timeout).count();
  }

  /**
   * Asks the cluster at most every {@link #STATUS_CHECK_NANOS}: the status is an RPC answered on the
   * JobMaster's main thread, which also handles every checkpoint, so the polls that time the
   * outputs should not wait on it each time.
   */
  private void failIfStopped() throws Exception {
    long now = System.nanoTime();
    if (now - lastStatusCheckNanos < STATUS_CHECK_NANOS) {
      return;
    }
    lastStatusCheckNanos = now;
    JobStatus status = cluster.status(job);
    if (status.isTerminalState()) {
      throw new IllegalStateException("the benchmarked Flink job stopped: " + status);
    }
  }

  /**
   * Output records as the job writes them, committed or not (read_uncommitted). May run on another
   * thread than the other polls (each consumer on one thread), so it leaves the job's status to them.
   */
  ConsumerRecords<byte[], byte[]> pollWrittenRecords(Duration timeout) {
    return written.poll(timeout);
  }

  /** Records written to the dead-letter topic so far (committed or not): packets the job rejected. */
  long deadLetters() throws Exception {
    try (var admin = kafka.admin()) {
      var tp = new org.apache.kafka.common.TopicPartition(deadLetterTopic, 0);
      return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).all()
          .get(30, TimeUnit.SECONDS).get(tp).offset();
    }
  }

  @Override
  public void close() throws Exception {
    consumer.close();
    written.close();
    publisher.close();
    if (job != null) {
      cluster.cancel(job);
    }
  }
}
