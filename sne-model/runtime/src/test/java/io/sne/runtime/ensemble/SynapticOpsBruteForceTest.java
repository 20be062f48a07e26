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

  private static long bruteForce(SneModel model, int student, float[][] frames) {
    StudentSpec spec = model.student(student);
    StudentGeometry g = StudentGeometry.of(student, spec, model.input());
    DenseReference ref = new DenseReference(model, student);
    InputSpec input = model.input();
    long ops = 0;
    for (float[] frame : frames) {
      ref.step(frame);
      float[] x = frame;
      float eventsPerUnit = 1f;
      for (int j = 0; j <= spec.layers().size(); j++) {
        LayerSpec layer = j < spec.layers().size() ? spec.layers().get(j) : null;
        Shape in = j < spec.layers().size() ? g.layerInput(j) : g.readoutInput();
        if (!(layer instanceof LayerSpec.Pool)) {
          for (int src = 0; src < x.length; src++) {
            if (x[src] != 0f) {
              long events = j == 0 && input.binaryFrames() ? 1 : Math.round(x[src] * eventsPerUnit);
              ops += events * synapses(layer, in, g, j, spec, src);
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
    return ops;
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
