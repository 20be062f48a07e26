package io.sne.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.schemas.Classification;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Comparing the job's Classifications with the runtime's batch decisions and with each other. */
public final class ClassificationAssertions {
  private ClassificationAssertions() {}

  /** Without the wall-clock emission time, the one field allowed to differ between runs. */
  public static List<Classification> normalised(List<Classification> in) {
    return in.stream().map(c -> Classification.newBuilder(c).setProcessedAtMs(0).build()).toList();
  }

  public static void assertSameDecision(Classification c, Decision batch) {
    List<Float> p = new ArrayList<>();
    for (float f : batch.probabilities()) {
      p.add(f);
    }
    assertThat(c.getProbabilities()).as("%s window %d probabilities", c.getStreamId(), c.getWindowIndex()).isEqualTo(p);
    assertThat(c.getPredictedClass()).isEqualTo(batch.predictedClass());
    assertThat(c.getPredictedLabel()).isEqualTo(batch.label());
    assertThat(c.getConfidence()).isEqualTo(batch.confidence());
    assertThat(c.getStudentsRun()).containsExactly(Arrays.stream(batch.studentsRun()).boxed().toArray(Integer[]::new));
    assertThat(c.getEnergy().getInputEvents()).isEqualTo(batch.energy().inputEvents());
    assertThat(c.getEnergy().getSynapticOps()).isEqualTo(batch.energy().synapticOps());
    assertThat(c.getEnergy().getNeuronUpdates()).isEqualTo(batch.energy().neuronUpdates());
    assertThat(c.getEnergy().getMacs()).isEqualTo(batch.energy().macs());
    assertThat(c.getEnergy().getEnergyPj()).isEqualTo(batch.energy().energyPj());
    assertThat(c.getEnergy().getEnergyRatio()).isEqualTo(batch.energy().energyPj() / batch.energy().teacherEnergyPj());
  }

  /** {@code out} (one stream, window order) holds exactly the stream's non-empty windows, each as the batch API decides it. */
  public static void assertMatchesBatch(List<Classification> out, EventColumns events, SneEnsemble ensemble) {
    long windowUs = ensemble.model().input().windowUs();
    assertThat(out).extracting(Classification::getWindowIndex).containsExactlyElementsOf(events.nonEmptyWindows(windowUs));
    for (Classification c : out) {
      assertSameDecision(c, ensemble.classify(events.window(c.getWindowIndex(), windowUs)));
    }
  }
}
