package io.sne.cli;

import java.net.URI;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Checkpoint storage for jobs this CLI runs in its own MiniCluster. The MiniCluster's default keeps
 * checkpoints in JobManager memory, capped at 5 MB: with many streams the pending events and
 * membranes exceed it, every checkpoint fails, the job restarts in a loop and nothing is ever
 * committed (found by {@code sne bench e2e} at 64 streams). So checkpoints go to a directory.
 */
final class CheckpointsOnDisk {
  private CheckpointsOnDisk() {}

  /** Sets {@code config} to write checkpoints under {@code directory} (a path or URI; Flink adds a folder per job). */
  static Configuration in(Configuration config, URI directory) {
    config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory.toString());
    return config;
  }
}
