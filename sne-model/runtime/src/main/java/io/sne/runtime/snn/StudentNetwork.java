package io.sne.runtime.snn;

import io.sne.runtime.model.InputSpec;
import io.sne.runtime.model.LayerSpec;
import io.sne.runtime.model.Shape;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.StudentGeometry;
import io.sne.runtime.model.StudentSpec;
import io.sne.runtime.model.TensorNames;

/**
 * One student compiled for event-driven execution: read-only weights in scatter layout. Per step,
 * only active sources propagate; every neuron leaks and is thresholded; the readout integrates the
 * last layer's output. Stateless itself: state is a {@link StudentState}, scratch a {@link Scratch}.
 */
public final class StudentNetwork {
  private final int layerCount;
  private final Projection[] projections; // null for pooling layers
  private final LifNeurons[] neurons;
  private final SpikePooling[] pools;
  private final int[] outputSizes;
  private final DenseProjection readout;
  private final float[] readoutBias;
  private final int timeSteps;
  private final boolean analogInput;

  public StudentNetwork(SneModel model, int student) {
    StudentSpec spec = model.student(student);
    InputSpec input = model.input();
    StudentGeometry g = StudentGeometry.of(student, spec, input);
    layerCount = spec.layers().size();
    projections = new Projection[layerCount];
    neurons = new LifNeurons[layerCount];
    pools = new SpikePooling[layerCount];
    outputSizes = new int[layerCount];
    analogInput = !input.events();
    for (int j = 0; j < layerCount; j++) {
      LayerSpec layer = spec.layers().get(j);
      Shape in = g.layerInput(j);
      Shape out = g.layerOutput(j);
      outputSizes[j] = out.size();
      float[] weight = model.values(TensorNames.layerWeight(student, j), 0);
      float[] bias = model.values(TensorNames.layerBias(student, j), out.channels());
      if (layer instanceof LayerSpec.Conv c) {
        projections[j] = new ConvProjection(in, c.out(), c.kernel(), c.stride(), c.padding(), weight);
        neurons[j] = new LifNeurons(out.size(), out.channels(), bias, c.lif());
      } else if (layer instanceof LayerSpec.Dense d) {
        projections[j] = new DenseProjection(in, d.out(), weight);
        neurons[j] = new LifNeurons(out.size(), out.channels(), bias, d.lif());
      } else if (layer instanceof LayerSpec.Pool p) {
        if (j == 0 && analogInput) {
          throw new IllegalArgumentException("students[" + student + "].layers[0]: pooling an analog (direct) input is "
              + "not supported; pool after a spiking layer");
        }
        if (j > 0 && pools[j - 1] != null && LayerSpec.Pool.AVG.equals(p.mode())) {
          throw new IllegalArgumentException("students[" + student + "].layers[" + j + "]: avg pooling right after "
              + "another pooling layer is not supported; merge them into one");
        }
        pools[j] = new SpikePooling(in, p.kernel(), LayerSpec.Pool.AVG.equals(p.mode()));
      }
    }
    readout = new DenseProjection(g.readoutInput(), spec.readout().out(),
        model.values(TensorNames.readoutWeight(student), 0));
    readoutBias = model.values(TensorNames.readoutBias(student), spec.readout().out());
    timeSteps = input.timeSteps();
  }

  public int layerCount() {
    return layerCount;
  }

  public int outputSize() {
    return readoutBias.length;
  }

  public boolean isPooling(int layer) {
    return pools[layer] != null;
  }

  public Projection projection(int layer) {
    return projections[layer];
  }

  public Projection readoutProjection() {
    return readout;
  }

  public StudentState newState() {
    float[][] membrane = new float[layerCount][];
    for (int j = 0; j < layerCount; j++) {
      membrane[j] = neurons[j] == null ? null : new float[outputSizes[j]];
    }
    return new StudentState(membrane, outputSize(), analogInput ? new float[outputSizes[0]] : null);
  }

  /** Per-thread working memory (currents, spike lists); never part of a stream's state. */
  public final class Scratch {
    final float[][] current = new float[layerCount][];
    final SpikeEvents[] output = new SpikeEvents[layerCount];
    final CountAccumulator[] blocks = new CountAccumulator[layerCount];

    Scratch() {
      for (int j = 0; j < layerCount; j++) {
        output[j] = new SpikeEvents(outputSizes[j]);
        if (pools[j] != null) {
          blocks[j] = new CountAccumulator(outputSizes[j]);
        } else {
          current[j] = new float[outputSizes[j]];
        }
      }
    }

    /** What layer j emitted in the last step (spikes, or pooled values), ascending channels-last order. */
    public SpikeEvents layerOutput(int j) {
      return output[j];
    }
  }

  public Scratch newScratch() {
    return new Scratch();
  }

  /**
   * One time step. {@code input} holds the step's active inputs in ascending channels-last order
   * (event counts, or analog pixels for a direct model: those cost MACs, not synaptic ops, and must
   * be the same image at every step of a window; see {@link #analogCurrent}).
   */
  public void step(StudentState state, SpikeEvents input, Scratch scratch) {
    SpikeEvents events = input;
    for (int j = 0; j < layerCount; j++) {
      SpikeEvents out = scratch.output[j];
      if (pools[j] != null) {
        pools[j].apply(events, scratch.blocks[j], out);
      } else {
        if (events == input && analogInput) {
          analogCurrent(state, input, j, scratch.current[j]);
        } else {
          state.synapticOps += projections[j].accumulate(events, scratch.current[j]);
        }
        int active = neurons[j].step(state.membrane[j], scratch.current[j], out);
        state.activeNeuronUpdates += active;
        state.neuronUpdates += outputSizes[j];
        state.spikesPerLayer[j] += out.size;
      }
      events = out;
    }
    long ops = readout.accumulate(events, state.readoutSum);
    if (events == input && analogInput) {
      state.macs += ops;
    } else {
      state.synapticOps += ops;
    }
    state.steps++;
  }

  /**
   * A direct model sees the same analog image at every step of a window, so its first layer's
   * current is the same at every step: it is computed (and its MACs counted) at the window's first
   * step, kept in the state, and re-applied at the others, as a constant-input layer is computed
   * once on any hardware that keeps it. Bit-identical to recomputing it (the same sums in the same order).
   */
  private void analogCurrent(StudentState state, SpikeEvents input, int layer, float[] current) {
    float[] cached = state.inputCurrent;
    if (state.steps == 0) {
      java.util.Arrays.fill(cached, 0f);
      state.macs += projections[layer].accumulate(input, cached);
    }
    System.arraycopy(cached, 0, current, 0, cached.length);
  }

  /** The student's prediction of its feature slice: readout summed over the window / T + bias. */
  public float[] output(StudentState state, float[] into) {
    for (int i = 0; i < into.length; i++) {
      into[i] = state.readoutSum[i] / timeSteps + readoutBias[i];
    }
    state.macs += into.length;
    return into;
  }
}
