package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sne.ingest.replay.StreamPlan;
import io.sne.schemas.Classification;
import io.sne.schemas.EnergyCounters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {
  @Test
  void accuracyCountsLabelledWindowsOnlyAndTheRatioIsTotalTeacherOverTotalEnsembleEnergy() {
    DemoSummary s = new DemoSummary();
    s.add(c(1, 1, 100, 10_000, 1));
    s.add(c(2, 1, 300, 10_000, 3));
    s.add(c(0, null, 200, 10_000, 2));
    assertThat(s.accuracy()).isEqualTo(0.5);
    assertThat(s.meanEnergyPj()).isCloseTo(200.0, within(1e-9));
    assertThat(s.energyRatio()).isCloseTo(30_000.0 / 600.0, within(1e-9));
    Map<String, Object> m = s.toMap(6_000, 2.0, 2, "m", 0);
    assertThat(m).containsEntry("classifications", 3L).containsEntry("eventsPerSecond", 3_000.0)
        .containsEntry("meanStudentsRun", 2.0).containsKeys("accuracy", "meanEnergyPj", "energyRatio");
  }

  @Test
  void recordingsAreDealtRoundRobinOntoStreamsKeepingTheirLabelsAndPeriod() {
    List<StreamPlan.Segment> segments = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      segments.add(new StreamPlan.Segment(Path.of("r" + i), i % 3));
    }
    List<StreamPlan> plans = DemoCommand.deal(List.of(new StreamPlan("folder", segments, 300_000)), 3);
    assertThat(plans).extracting(StreamPlan::streamId).containsExactly("demo-0", "demo-1", "demo-2");
    assertThat(plans.get(0).segments()).extracting(StreamPlan.Segment::file).containsExactly(Path.of("r0"), Path.of("r3"), Path.of("r6"));
    assertThat(plans.get(1).segments()).extracting(StreamPlan.Segment::label).containsExactly(1, 1);
    assertThat(plans).allMatch(p -> p.periodUs() == 300_000);
    assertThat(DemoCommand.deal(List.of(new StreamPlan("folder", segments.subList(0, 2), 300_000)), 5)).hasSize(2);
  }

  private static Classification c(int predicted, Integer truth, double energyPj, double teacherPj, int students) {
    List<Integer> run = new ArrayList<>();
    for (int i = 0; i < students; i++) {
      run.add(i);
    }
    return Classification.newBuilder()
        .setStreamId("s").setWindowIndex(0).setWindowStartUs(0).setWindowEndUs(1).setPredictedClass(predicted)
        .setPredictedLabel("p").setConfidence(1f).setProbabilities(List.of(1f)).setTrueLabel(truth).setStudentsRun(run)
        .setEnergy(EnergyCounters.newBuilder().setInputEvents(1).setSpikesPerStudent(List.of()).setSynapticOps(0)
            .setNeuronUpdates(0).setMacs(0).setEnergyPj(energyPj).setTeacherEnergyPj(teacherPj)
            .setEnergyRatio(teacherPj / energyPj).setDeviceProfile("p").build())
        .setModelId("m").build();
  }
}
