package io.sne.runtime.snn;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Everything one student remembers within a window, per stream: membrane potentials of each spiking
 * layer, the readout accumulator, the steps done, and the operation counters that price it (and,
 * for a direct model, its first layer's constant input current).
 */
public final class StudentState {
  final float[][] membrane; // per layer; null for pooling layers
  final float[] readoutSum;
  final long[] spikesPerLayer;
  /** Direct models only (else null): the first layer's current, computed once per window. */
  final float[] inputCurrent;
  int steps;
  long synapticOps;
  long macs;
  long neuronUpdates;
  long activeNeuronUpdates;

  StudentState(float[][] membrane, int readoutSize, float[] inputCurrent) {
    this.membrane = membrane;
    this.inputCurrent = inputCurrent;
    this.readoutSum = new float[readoutSize];
    this.spikesPerLayer = new long[membrane.length];
  }

  /** A deep copy: the same counters, potentials and readout in arrays of its own. */
  public StudentState copy() {
    float[][] potentials = new float[membrane.length][];
    for (int j = 0; j < membrane.length; j++) {
      potentials[j] = membrane[j] == null ? null : membrane[j].clone();
    }
    StudentState c = new StudentState(potentials, readoutSum.length, inputCurrent == null ? null : inputCurrent.clone());
    System.arraycopy(readoutSum, 0, c.readoutSum, 0, readoutSum.length);
    System.arraycopy(spikesPerLayer, 0, c.spikesPerLayer, 0, spikesPerLayer.length);
    c.steps = steps;
    c.synapticOps = synapticOps;
    c.macs = macs;
    c.neuronUpdates = neuronUpdates;
    c.activeNeuronUpdates = activeNeuronUpdates;
    return c;
  }

  /** Back to the start of a window: potentials, readout and counters zero. */
  public void reset() {
    for (float[] v : membrane) {
      if (v != null) {
        Arrays.fill(v, 0f);
      }
    }
    Arrays.fill(readoutSum, 0f);
    Arrays.fill(spikesPerLayer, 0);
    steps = 0;
    synapticOps = 0;
    macs = 0;
    neuronUpdates = 0;
    activeNeuronUpdates = 0;
  }

  public int steps() {
    return steps;
  }

  public long synapticOps() {
    return synapticOps;
  }

  public long macs() {
    return macs;
  }

  public long neuronUpdates() {
    return neuronUpdates;
  }

  public long activeNeuronUpdates() {
    return activeNeuronUpdates;
  }

  public long[] spikesPerLayer() {
    return spikesPerLayer.clone();
  }

  public long spikes() {
    long s = 0;
    for (long x : spikesPerLayer) {
      s += x;
    }
    return s;
  }

  /** Bytes of float state (potentials and readout) this state holds. */
  public long stateBytes() {
    long n = readoutSum.length + (inputCurrent == null ? 0 : inputCurrent.length);
    for (float[] v : membrane) {
      n += v == null ? 0 : v.length;
    }
    return 4 * n;
  }

  /** Serialises counters, potentials and readout (for stream-state snapshots): {@link #snapshotBytes()} bytes. */
  public void writeTo(BlockOutput out) throws IOException {
    out.putInt(steps).putLong(synapticOps).putLong(macs).putLong(neuronUpdates).putLong(activeNeuronUpdates);
    for (long s : spikesPerLayer) {
      out.putLong(s);
    }
    for (float[] v : membrane) {
      if (v != null) {
        out.putFloats(v);
      }
    }
    out.putFloats(readoutSum);
    if (inputCurrent != null) {
      out.putFloats(inputCurrent);
    }
  }

  /** What {@link #writeTo} writes, in bytes. */
  public long snapshotBytes() {
    return 4 + 4 * 8 + 8L * spikesPerLayer.length + stateBytes();
  }

  /** Reads what {@link #writeTo} wrote, into this state of the same student. */
  public void readFrom(DataInputStream in) throws IOException {
    steps = in.readInt();
    synapticOps = in.readLong();
    macs = in.readLong();
    neuronUpdates = in.readLong();
    activeNeuronUpdates = in.readLong();
    for (int i = 0; i < spikesPerLayer.length; i++) {
      spikesPerLayer[i] = in.readLong();
    }
    for (float[] v : membrane) {
      if (v != null) {
        readFloats(in, v);
      }
    }
    readFloats(in, readoutSum);
    if (inputCurrent != null) {
      readFloats(in, inputCurrent);
    }
  }

  private static void readFloats(DataInputStream in, float[] v) throws IOException {
    byte[] bytes = new byte[4 * v.length];
    in.readFully(bytes);
    ByteBuffer.wrap(bytes).asFloatBuffer().get(v);
  }
}
