package io.sne.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

/**
 * One Flink MiniCluster that every job of {@code sne bench e2e} runs on, one after the other, as
 * jobs run on a long-lived cluster. A MiniCluster per job (what a local environment's execute
 * does) loads Flink's RPC system into a fresh class loader each time, so the JIT compiled that code
 * anew for every job: its compile threads took about one core throughout a run and the jobs were
 * measured in the JVM's warm-up, not in the steady state.
 */
final class BenchCluster implements AutoCloseable {
  private static final int CHECKPOINT_HISTORY = 10_000;

  private final MiniCluster cluster;
  private final Path checkpoints;

  private BenchCluster(MiniCluster cluster, Path checkpoints) {
    this.cluster = cluster;
    this.checkpoints = checkpoints;
  }

  /** Linux's memory-backed file system, where the machine has one. */
  private static final Path SHARED_MEMORY = Path.of("/dev/shm");

  /**
   * A fresh folder for the bench's checkpoints, inside {@code parent} when given, else in memory
   * (/dev/shm) where the machine has it, else in the temporary directory. In memory is what a
   * MiniCluster does by default (JobManager storage, capped at 5 MB: too small at 64 streams). On
   * this project's build VM (ext4 mounted with online discard) the checkpoint files' writes stalled
   * up to 230 ms now and then (the async phase in {@link CheckpointAnatomy}), and every
   * read_committed result waited for them: that measures the disk, not the job.
   */
  static Path checkpointFolder(Path parent) throws java.io.IOException {
    if (parent != null) {
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, "sne-bench-e2e-checkpoints");
    }
    if (Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)) {
      return Files.createTempDirectory(SHARED_MEMORY, "sne-bench-e2e-checkpoints");
    }
    return Files.createTempDirectory("sne-bench-e2e-checkpoints");
  }

  /**
   * Starts a cluster with room for two jobs of {@code parallelism} (one ending while the next
   * starts), checkpointing into {@code checkpoints}, which it deletes when closed.
   */
  static BenchCluster start(int parallelism, Path checkpoints) throws Exception {
    Configuration c = new Configuration();
    c.set(RestOptions.BIND_PORT, "0");
    c.set(TaskManagerOptions.NUM_TASK_SLOTS, 2 * parallelism);
    CheckpointsOnDisk.in(c, checkpoints.toUri()); // Flink adds a folder per job
    // Every checkpoint of a paced run (10 a second for minutes), for checkpointDurationsMs; Flink keeps 10.
    c.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, CHECKPOINT_HISTORY);
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(c).setNumTaskManagers(1).setNumSlotsPerTaskManager(2 * parallelism).build());
    cluster.start();
    return new BenchCluster(cluster, checkpoints);
  }

  /** Submits the job defined on {@code env} and waits until it runs. */
  JobID run(StreamExecutionEnvironment env, String name) throws Exception {
    JobID id = cluster.submitJob(env.getStreamGraph()).get(60, TimeUnit.SECONDS).getJobID();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    JobStatus status;
    while ((status = status(id)) != JobStatus.RUNNING) {
      if (status.isTerminalState() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the benchmarked Flink job '" + name + "' did not start: " + status);
      }
      Thread.sleep(50);
    }
    return id;
  }

  JobStatus status(JobID id) throws Exception {
    return cluster.getJobStatus(id).get(30, TimeUnit.SECONDS);
  }

  /** Cancels the job and waits until it has released its slots. */
  void cancel(JobID id) throws Exception {
    if (!status(id).isTerminalState()) {
      cluster.cancelJob(id).get(60, TimeUnit.SECONDS);
    }
    cluster.requestJobResult(id).get(60, TimeUnit.SECONDS);
  }

  /**
   * End-to-end durations in ms (trigger to the last acknowledgement), sorted, of the job's completed
   * checkpoints triggered between {@code fromMs} and {@code toMs} (wall clock): the part of the
   * read_committed latency that is Flink's.
   */
  long[] checkpointDurationsMs(JobID id, long fromMs, long toMs) throws Exception {
    CheckpointStatsSnapshot stats = cluster.getExecutionGraph(id).get(30, TimeUnit.SECONDS).getCheckpointStatsSnapshot();
    return stats.getHistory().getCheckpoints().stream()
        .filter(c -> c.getStatus() == CheckpointStatsStatus.COMPLETED)
        .filter(c -> c.getTriggerTimestamp() >= fromMs && c.getTriggerTimestamp() <= toMs)
        .mapToLong(AbstractCheckpointStats::getEndToEndDuration).sorted().toArray();
  }

  /** The {@code count} slowest completed checkpoints triggered between the two wall times, task by task. */
  java.util.List<CheckpointAnatomy.Checkpoint> slowestCheckpoints(JobID id, long fromMs, long toMs, int count)
      throws Exception {
    return CheckpointAnatomy.slowest(cluster.getExecutionGraph(id).get(30, TimeUnit.SECONDS), fromMs, toMs, count);
  }

  @Override
  public void close() throws Exception {
    try {
      cluster.closeAsync().get(60, TimeUnit.SECONDS);
    } finally {
      FileUtils.deleteDirectory(checkpoints.toFile());
    }
  }
}
