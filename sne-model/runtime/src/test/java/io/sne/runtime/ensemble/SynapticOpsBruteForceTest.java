package io.sne.runtime.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.encode.EventFrameEncoder;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.LayerSpec;
import io.sne.runtime.model.Shape;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.StudentGeometry;
import io.sne.runtime.model.StudentSpec;
import io.sne.runtime.snn.DenseReference;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Synaptic ops reported by the runtime equal a brute-force count: for every step, every non-zero
 * source of every layer times the number of synapses found by enumerating all (target, tap) pairs.
 */
class SynapticOpsBruteForceTest {
  @Test
  void reportedSynapticOpsEqualBruteForceCountIncludingConvolutionBorders() {
    for (long seed = 1; seed <= 25; seed++) {
      SneModel model = io.sne.runtime.snn.RandomArchitecturesAccess.model(seed, true);
      SneEnsemble e = new SneEnsemble(model, EnergyProfile.HOROWITZ45_FP32);
      EventWindow w = RandomModels.events(seed, model.input(), 20 + new Random(seed).nextInt(300), 0);
      float[][] frames = new EventFrameEncoder(model.input()).frames(w);
      for (int student = 0; student < model.studentCount(); student++) {
        long expected = bruteForce(model, student, frames);
        long actual = e.classifyWithStudents(w, new int[] {student}).energy().synapticOps();
        assertThat(actual).as("seed %d student %d", seed, student).isEqualTo(expected);
      }
    }
  }

  @Test
  void directModelsChargeTheFirstLayerAsMacsAndTheRestAsSynapticOps() {
    for (long seed = 1; seed <= 25; seed++) {
      SneModel model = io.sne.runtime.snn.RandomArchitecturesAccess.model(500 + seed, false);
      SneEnsemble e = new SneEnsemble(model, EnergyProfile.HOROWITZ45_FP32);
      Random rnd = new Random(seed);
      float[] image = new float[model.input().size()];
      for (int i = 0; i < image.length; i++) {
        image[i] = rnd.nextFloat() < 0.4f ? 0f : rnd.nextFloat();
      }
      float[][] frames = new float[model.input().timeSteps()][];
      java.util.Arrays.fill(frames, image);
      int classes = model.manifest().head().classes();
      for (int student = 0; student < model.studentCount(); student++) {
        long[] firstAndRest = new long[2];
        bruteForce(model, student, frames, firstAndRest);
        var report = e.classifyWithStudents(image, new int[] {student}).energy();
        int slice = model.student(student).readout().out();
        // first layer + readout scaling (one per output) + head (C x |slice|) + softmax (C)
        long expectedMacs = firstAndRest[0] + slice + (long) classes * slice + classes;
        assertThat(report.macs()).as("seed %d student %d macs", seed, student).isEqualTo(expectedMacs);
        assertThat(report.synapticOps()).as("seed %d student %d sops", seed, student).isEqualTo(firstAndRest[1]);
      }
    }
  }

  private static long bruteForce(SneModel model, int student, float[][] frames) {
    long[] firstAndRest = new long[2];
    bruteForce(model, student, frames, firstAndRest);
    return firstAndRest[0] + firstAndRest[1];
  }

  /**
   * Adds the operations of the first projection to [0], of all later ones (readout included) to [1];
   * a direct model's first projection once per window, as its input is the same image at every step.
   */
  private static void bruteForce(SneModel model, int student, float[][] frames, long[] firstAndRest) {
    StudentSpec spec = model.student(student);
    StudentGeometry g = StudentGeometry.of(student, spec, model.input());
    DenseReference ref = new DenseReference(model, student);
    InputSpec input = model.input();
    for (int t = 0; t < frames.length; t++) {
      float[] frame = frames[t];
      ref.step(frame);
      float[] x = frame;
      float eventsPerUnit = 1f;
      for (int j = 0; j <= spec.layers().size(); j++) {
        LayerSpec layer = j < spec.layers().size() ? spec.layers().get(j) : null;
        Shape in = j < spec.layers().size() ? g.layerInput(j) : g.readoutInput();
        if (!(layer instanceof LayerSpec.Pool)) {
          for (int src = 0; src < x.length; src++) {
            if (x[src] != 0f) {
              long events = j == 0 && (input.binaryFrames() || !input.events()) ? 1
                  : Math.round(x[src] * eventsPerUnit);
              // a direct model's first layer sees a constant image: its current is computed once per window
              boolean repeatedAnalog = j == 0 && !input.events() && t > 0;
              if (!repeatedAnalog) {
                firstAndRest[j == 0 ? 0 : 1] += events * synapses(layer, in, g, j, spec, src);
              }
            }
          }
        }
        if (j < spec.layers().size()) {
          eventsPerUnit = layer instanceof LayerSpec.Pool p && p.mode().equals(LayerSpec.Pool.AVG)
              ? p.kernel() * p.kernel() : 1f;
          x = ref.spikes(j);
        }
      }
    }
  }

  /** Number of synapses from channel-major source {@code src}, by enumerating every target and tap. */
  private static long synapses(LayerSpec layer, Shape in, StudentGeometry g, int j, StudentSpec spec, int src) {
    if (layer == null) {
      return spec.readout().out();
    }
    if (layer instanceof LayerSpec.Dense d) {
      return d.out();
    }
    LayerSpec.Conv c = (LayerSpec.Conv) layer;
    Shape out = g.layerOutput(j);
    int plane = in.height() * in.width();
    int iy = (src % plane) / in.width();
    int ix = src % in.width();
    long n = 0;
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        for (int ky = 0; ky < c.kernel(); ky++) {
          for (int kx = 0; kx < c.kernel(); kx++) {
            if (oy * c.stride() - c.padding() + ky == iy && ox * c.stride() - c.padding() + kx == ix) {
              n += c.out();
            }
          }
        }
      }
    }
    return n;
  }
}
