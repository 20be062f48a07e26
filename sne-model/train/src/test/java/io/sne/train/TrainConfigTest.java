package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
  @Test
  void partialYamlKeepsDefaultsAndUnknownKeysAreNamed(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "name: x\nstudent:\n  timeSteps: 7\n");
    TrainConfig c = TrainConfig.load(f);
    assertThat(c.name).isEqualTo("x");
    assertThat(c.student.timeSteps).isEqualTo(7);
    assertThat(c.student.hidden).isEqualTo(64);
    assertThat(c.partition.scheme).isEqualTo("correlation");
    Files.writeString(f, "student:\n  timesteps: 7\n");
    assertThatThrownBy(() -> TrainConfig.load(f)).hasMessageContaining("timesteps").hasMessageContaining("docs/training.md");
  }

  @Test
  void quickRunsNeverShareCheckpointsOrOutputWithFullRuns() {
    TrainConfig c = new TrainConfig();
    String work = c.workDir;
    String out = c.output;
    c.quick();
    assertThat(c.workDir).isNotEqualTo(work);
    assertThat(c.output).isNotEqualTo(out).startsWith(c.workDir);
    assertThat(c.dataset.trainLimit).isPositive();
  }

  @Test
  void nonFiniteStepsAreSkippedThenStopTraining() {
    NonFinite g = new NonFinite(2);
    g.skipped("x");
    g.skipped("x");
    assertThatThrownBy(() -> g.skipped("student0 loss")).hasMessageContaining("student0 loss").hasMessageContaining("3 consecutive");
  }
}
