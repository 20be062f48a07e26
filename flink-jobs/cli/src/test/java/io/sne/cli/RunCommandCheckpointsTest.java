package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.ingest.EventPacketPublisher;
import io.sne.kafka.EmbeddedKafka;
import io.sne.runtime.bench.RandomModels;
import io.sne.schemas.EventPacket;
import io.sne.schemas.TimestampClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sne run} in this process checkpoints to disk: with state well over the 5 MB that the
 * MiniCluster's default (JobManager memory) storage refuses, checkpoints still complete, in the
 * {@code --checkpoint-dir} folder.
 */
@Timeout(180)
class RunCommandCheckpointsTest {
  private static final int STREAMS = 24;
  private static final int EVENTS_PER_STREAM = 25_000;
  private static final long MEMORY_STORAGE_CAP_BYTES = 5L << 20;

  @Test
  void checkpointsOfStateOverTheMemoryCapCompleteInTheCheckpointDir(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("reference.safetensors");
    RandomModels.reference(42).save(model);
    Path checkpoints = dir.resolve("checkpoints");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("events", 2);
      kafka.createTopic("results", 2);
      kafka.createTopic("dead", 1);
      // One packet per stream, all in the first time step and no later packet: the watermark never
      // passes the step, so every event stays in the operator's state (~17 bytes each, ~10 MB in all).
      try (EventPacketPublisher publisher = new EventPacketPublisher(kafka.bootstrapServers(), "events")) {
        for (int s = 0; s < STREAMS; s++) {
          EventPacket packet = pendingPacket("cam-" + s, s);
          ByteBuffer encoded = packet.toByteBuffer();
          byte[] bytes = new byte[encoded.remaining()];
          encoded.get(bytes);
          publisher.publish(packet.getStreamId(), bytes, packet.getTimestampsUs().size());
        }
        publisher.flush();
      }
      RunCommand run = new RunCommand();
      new CommandLine(run).parseArgs("--bootstrap", kafka.bootstrapServers(), "--model", model.toString(),
          "--input-topic", "events", "--output-topic", "results", "--dead-letter-topic", "dead",
          "--checkpoint-interval", "300", "--checkpoint-dir", checkpoints.toString(), "--parallelism", "2");
      JobClient job = run.submit(run.settings());
      try {
        CompletedCheckpoint completed = awaitCompletedCheckpointWithAllEvents(checkpoints, job);
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        // measured when it was found: Flink deletes a checkpoint once a newer one completes (every 300 ms here)
        assertThat(completed.bytes()).as("state in " + completed.folder()).isGreaterThan(MEMORY_STORAGE_CAP_BYTES);
      } finally {
        job.cancel().get(60, TimeUnit.SECONDS);
      }
    }
  }

  private record CompletedCheckpoint(Path folder, long bytes) {}

  /** A completed checkpoint (it has its {@code _metadata}) over the memory cap, or fails after 90 s. */
  private static CompletedCheckpoint awaitCompletedCheckpointWithAllEvents(Path checkpoints, JobClient job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertThat(job.getJobStatus().get().isTerminalState()).as("job ended: " + job.getJobStatus().get()).isFalse();
      Optional<Path> metadata = latestMetadata(checkpoints);
      if (metadata.isPresent()) {
        long bytes = sizeOf(metadata.get().getParent());
        if (bytes > MEMORY_STORAGE_CAP_BYTES) {
          return new CompletedCheckpoint(metadata.get().getParent(), bytes);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no completed checkpoint over " + MEMORY_STORAGE_CAP_BYTES + " bytes in " + checkpoints
        + " within 90 s; found " + latestMetadata(checkpoints));
  }

  private static Optional<Path> latestMetadata(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(checkpoints)) {
      return files.filter(p -> p.getFileName().toString().equals("_metadata")).reduce((a, b) -> b);
    }
  }

  private static long sizeOf(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // removed while walking: an older checkpoint being subsumed
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static EventPacket pendingPacket(String streamId, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Long> ts = new ArrayList<>();
    List<Integer> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    byte[] polarities = new byte[EVENTS_PER_STREAM];
    for (int i = 0; i < EVENTS_PER_STREAM; i++) {
      ts.add(i / 25L); // 0..999 us: the first step
      xs.add(random.nextInt(34));
      ys.add(random.nextInt(34));
      polarities[i] = (byte) random.nextInt(2);
    }
    return EventPacket.newBuilder().setStreamId(streamId).setSequence(0).setWidth(34).setHeight(34)
        .setTimestampsUs(ts).setXs(xs).setYs(ys).setPolarities(ByteBuffer.wrap(polarities))
        .setClock(TimestampClock.SENSOR).build();
  }
}
