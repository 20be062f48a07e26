package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sne.runtime.bench.RandomModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sne bench e2e --quick} with one stream on the embedded broker and MiniClusters: every
 * published record comes out of the identity job once, every window of the SNE job is classified
 * once, and the throughput figures are real numbers; the warm-up, each throughput pair and a repeated
 * stream count keep to their own records.
 */
class BenchE2eCommandTest {
  @Test
  void quickRunWithOneStreamAccountsForEveryRecordAndWindow(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("reference.safetensors");
    RandomModels.reference(42).save(model);
    Path json = dir.resolve("e2e.json");

    int rc = SneCli.commandLine().execute("bench", "e2e", "--quick", "--streams", "1,1", "--seconds", "2",
        "--warmup-events", "20000", "--warmup-rounds", "1", "--repeats", "2",
        "--model", model.toString(), "--checkpoint-dir", dir.resolve("checkpoints").toString(), "--json", json.toString());

    assertThat(rc).isEqualTo(0);
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    // The warm-up drains its own backlog (20,000 events = 50 packets = 5 windows) in both jobs.
    assertThat(report.get("warmup")).hasSize(1);
    assertThat(report.get("warmup").get(0).get("identityRecordsOut").asLong()).isEqualTo(50);
    assertThat(report.get("warmup").get(0).get("sneClassificationsOut").asLong()).isEqualTo(5);
    // A stream count listed twice is measured twice, on its own topics: the second run sees none of the first's records.
    assertThat(report.get("runs")).hasSize(2);
    assertThat(report.get("runs").get(1).get("identityRecordsOut").asLong()).isEqualTo(250);
    assertThat(report.get("runs").get(1).get("sneClassificationsOut").asLong()).isEqualTo(25);
    JsonNode run = report.get("runs").get(0);
    // --quick publishes 100,000 events: 400 per packet, one packet per step; the reference model's
    // windows are 10 steps, so 25 windows of 4,000 events on the single stream.
    assertThat(run.get("eventsPublished").asLong()).isEqualTo(100_000);
    assertThat(run.get("identityRecordsOut").asLong()).isEqualTo(run.get("packetsPublished").asLong()).isEqualTo(250);
    assertThat(run.get("sneClassificationsOut").asLong()).isEqualTo(25);
    for (String field : new String[] {"identityEventsPerSecond", "sneEventsPerSecond", "throughputRatioVsIdentity"}) {
      assertThat(run.get(field).asDouble()).as(field).isFinite().isPositive();
    }
    assertThat(report.get("throughputRatioVsIdentity").asDouble()).isFinite().isPositive();
    // Two pairs per stream count, each on its own topics (the counts above would double otherwise); the row is
    // the pair with the median ratio, the lower one of two.
    JsonNode ratios = run.get("throughputRatiosOfPairs");
    assertThat(ratios).hasSize(2);
    assertThat(run.get("throughputRatioVsIdentity").asDouble())
        .isEqualTo(Math.min(ratios.get(0).asDouble(), ratios.get(1).asDouble()));
    // Every pair's own figures, in the order the pairs ran: each ratio is its own two rates'.
    JsonNode pairs = run.get("pairs");
    assertThat(pairs).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode p = pairs.get(i);
      assertThat(p.get("ratio").asDouble()).isEqualTo(ratios.get(i).asDouble())
          .isEqualTo(p.get("sneEventsPerSecond").asDouble() / p.get("identityEventsPerSecond").asDouble());
      assertThat(p.get("sneCpuMsPerPacket").get("total").asDouble()).isPositive();
      assertThat(p.get("identityCpuMsPerPacket").get("total").asDouble()).isPositive();
    }
    // Each window is emitted, then on the topic, then committed: the three latencies are ordered window by window.
    assertThat(run.get("p99OnTopicLatencyMs").asDouble()).isFinite()
        .isGreaterThanOrEqualTo(run.get("p99EmitLatencyMs").asDouble());
    assertThat(report.get("p99LatencyMs").asDouble()).isFinite()
        .isGreaterThanOrEqualTo(run.get("p99OnTopicLatencyMs").asDouble());
    assertThat(run.get("latencyWindows").asInt()).as("--quick times at least 10 windows").isGreaterThanOrEqualTo(10);
    // Flink's checkpoint statistics over the timed windows: at 100 ms intervals, at least one per 300 ms window.
    assertThat(run.get("latencyCheckpoints").asInt()).isGreaterThanOrEqualTo(run.get("latencyWindows").asInt());
    assertThat(run.get("p50CheckpointMs").asDouble()).isPositive()
        .isLessThanOrEqualTo(run.get("p99CheckpointMs").asDouble());
    // The slowest checkpoints taken apart: slowest first, each task's last acknowledgement within the checkpoint.
    JsonNode slowest = run.get("slowestCheckpoints");
    assertThat(slowest.size()).isBetween(1, E2eMeasurements.SLOWEST_CHECKPOINTS);
    assertThat(slowest.get(0).get("durationMs").asDouble()).isGreaterThanOrEqualTo(run.get("p99CheckpointMs").asDouble());
    for (int i = 1; i < slowest.size(); i++) {
      assertThat(slowest.get(i).get("durationMs").asLong()).isLessThanOrEqualTo(slowest.get(i - 1).get("durationMs").asLong());
    }
    JsonNode tasks = slowest.get(0).get("tasks");
    assertThat(tasks).extracting(t -> t.get("task").asText()).anyMatch(name -> name.contains("sne-ensemble"));
    for (JsonNode t : tasks) {
      assertThat(t.get("ackMs").asLong()).isBetween(0L, slowest.get(0).get("durationMs").asLong());
      assertThat(t.get("startDelayMs").asLong()).isBetween(0L, t.get("ackMs").asLong());
    }
    assertThat(tasks.get(0).get("ackMs").asLong()).isEqualTo(
        java.util.stream.StreamSupport.stream(tasks.spliterator(), false).mapToLong(t -> t.get("ackMs").asLong()).max()
            .orElseThrow());
    assertThat(run.get("latencyMeanStudentsRun").asDouble()).isGreaterThanOrEqualTo(1.0);
    // Checkpoints went where --checkpoint-dir said, into a folder of the run's own that is gone afterwards.
    assertThat(report.get("checkpointDir").asText()).startsWith(dir.resolve("checkpoints").toString());
    assertThat(Path.of(report.get("checkpointDir").asText())).doesNotExist();
  }
}
