package io.sne.runtime.snn;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.encode.EventFrameEncoder;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.encode.StepInput;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.Shape;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.StudentGeometry;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: on many seeded random models and inputs, the event-driven student and the dense
 * time-stepped reference emit identical spikes (and pooled values) at every layer and step, and
 * their readouts agree within 1e-5.
 */
class EventDrivenMatchesDenseReferenceTest {
  private static final int MODELS = 60;

  @Test
  void eventModelsProduceIdenticalSpikesAndReadouts() {
    assertThat(eventModelSpikes(1, MODELS, 5)).as("the random models must actually spike for the test to mean anything")
        .isGreaterThan(10_000);
  }

  /** Conv layers of up to 40 channels: scatter runs of 16 floats and more take the conv's unrolled path. */
  @Test
  void wideConvLayersProduceIdenticalSpikesAndReadouts() {
    assertThat(eventModelSpikes(500, 30, 40)).isGreaterThan(10_000);
  }

  private static long eventModelSpikes(long firstSeed, int models, int maxConvChannels) {
    long totalSpikes = 0;
    for (long seed = firstSeed; seed < firstSeed + models; seed++) {
      SneModel model = RandomArchitectures.model(seed, true, maxConvChannels);
      EventFrameEncoder encoder = new EventFrameEncoder(model.input());
      Random rnd = new Random(seed * 31);
      int cells = model.input().timeSteps() * model.input().size();
      for (int window = 0; window < 3; window++) {
        int n = 1 + rnd.nextInt(Math.max(2, cells / (1 + rnd.nextInt(10))));
        EventWindow w = RandomModels.events(seed * 100 + window, model.input(), n, 5_000);
        float[][] frames = encoder.frames(w);
        for (int student = 0; student < model.studentCount(); student++) {
          totalSpikes += compare(model, student, frames, stepInputs(model, encoder, w), "seed " + seed);
        }
      }
    }
    return totalSpikes;
  }

  @Test
  void directModelsProduceIdenticalSpikesAndReadouts() {
    long totalSpikes = 0;
    for (long seed = 1; seed <= MODELS; seed++) {
      SneModel model = RandomArchitectures.model(1000 + seed, false);
      Random rnd = new Random(seed);
      float[] image = new float[model.input().size()];
      for (int i = 0; i < image.length; i++) {
        image[i] = rnd.nextFloat() < 0.3f ? 0f : rnd.nextFloat();
      }
      float[][] frames = new float[model.input().timeSteps()][];
      SpikeEvents[] steps = new SpikeEvents[frames.length];
      StepInput in = new StepInput(model.input());
      in.setImage(image);
      for (int t = 0; t < frames.length; t++) {
        frames[t] = image;
        steps[t] = new SpikeEvents(model.input().size());
        in.drainTo(steps[t]);
      }
      for (int student = 0; student < model.studentCount(); student++) {
        totalSpikes += compare(model, student, frames, steps, "direct seed " + seed);
      }
    }
    assertThat(totalSpikes).isGreaterThan(1_000);
  }

  private static SpikeEvents[] stepInputs(SneModel model, EventFrameEncoder encoder, EventWindow w) {
    InputSpec spec = model.input();
    StepInput[] perStep = new StepInput[spec.timeSteps()];
    for (int t = 0; t < perStep.length; t++) {
      perStep[t] = new StepInput(spec);
    }
    for (int e = 0; e < w.n(); e++) {
      int step = encoder.stepOf(w.tUs()[e], w.windowStartUs());
      if (step >= 0) {
        perStep[step].addEvent(encoder.inputIndex(w.x()[e], w.y()[e], w.p()[e]));
      }
    }
    SpikeEvents[] out = new SpikeEvents[perStep.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = new SpikeEvents(spec.size());
      perStep[t].drainTo(out[t]);
    }
    return out;
  }

  private static long compare(SneModel model, int student, float[][] frames, SpikeEvents[] steps, String where) {
    StudentNetwork net = new StudentNetwork(model, student);
    StudentState state = net.newState();
    StudentNetwork.Scratch scratch = net.newScratch();
    DenseReference ref = new DenseReference(model, student);
    StudentGeometry g = StudentGeometry.of(student, model.student(student), model.input());
    long spikes = 0;
    for (int t = 0; t < frames.length; t++) {
      net.step(state, steps[t], scratch);
      ref.step(frames[t]);
      for (int j = 0; j < net.layerCount(); j++) {
        float[] expected = ref.spikes(j);
        float[] actual = toChannelMajor(scratch.layerOutput(j), g.layerOutput(j));
        assertThat(actual).as("%s student %d step %d layer %d", where, student, t, j).isEqualTo(expected);
        if (!net.isPooling(j)) {
          spikes += scratch.layerOutput(j).size();
        }
      }
    }
    float[] out = net.output(state, new float[net.outputSize()]);
    float[] expected = ref.output();
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).as("%s student %d readout %d", where, student, i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
    return spikes;
  }

  private static float[] toChannelMajor(SpikeEvents events, Shape shape) {
    float[] dense = new float[shape.size()];
    for (int i = 0; i < events.size(); i++) {
      dense[Layouts.toChannelMajor(events.index(i), shape)] = events.value(i);
    }
    return dense;
  }
}
