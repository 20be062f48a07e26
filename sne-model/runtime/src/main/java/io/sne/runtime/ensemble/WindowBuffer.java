package io.sne.runtime.ensemble;

import io.sne.runtime.snn.BlockOutput;
import io.sne.runtime.snn.SpikeEvents;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The binned input of the current window, kept so that a student the gate calls late can replay the
 * same steps. Grows by doubling and is reused across windows: no allocation in steady state.
 */
final class WindowBuffer {
  private int[] index = new int[256];
  private float[] value = new float[256];
  private int[] count = new int[256];
  private int size;
  private final int[] stepEnd;
  private int steps;

  WindowBuffer(int timeSteps) {
    stepEnd = new int[timeSteps];
  }

  void clear() {
    size = 0;
    steps = 0;
  }

  int steps() {
    return steps;
  }

  int entries() {
    return size;
  }

  void append(SpikeEvents step) {
    int n = step.size();
    if (size + n > index.length) {
      int cap = Math.max(index.length * 2, size + n);
      index = Arrays.copyOf(index, cap);
      value = Arrays.copyOf(value, cap);
      count = Arrays.copyOf(count, cap);
    }
    for (int i = 0; i < n; i++) {
      index[size + i] = step.index(i);
      value[size + i] = step.value(i);
      count[size + i] = step.count(i);
    }
    size += n;
    stepEnd[steps++] = size;
  }

  private static int[] copyOf(int[] a, int used) {
    int[] c = new int[a.length];
    System.arraycopy(a, 0, c, 0, used);
    return c;
  }

  private static float[] copyOf(float[] a, int used) {
    float[] c = new float[a.length];
    System.arraycopy(a, 0, c, 0, used);
    return c;
  }

  /** Copies step {@code t} into {@code out}. */
  void load(int t, SpikeEvents out) {
    out.clear();
    int from = t == 0 ? 0 : stepEnd[t - 1];
    for (int i = from, end = stepEnd[t]; i < end; i++) {
      out.add(index[i], value[i], count[i]);
    }
  }

  /**
   * A deep copy with arrays of its own, of the same capacity: a checkpoint's copy-on-write leaves the
   * copy as the live state, and a copy sized to its entries regrew (three more arrays) at its next step.
   */
  WindowBuffer copy() {
    WindowBuffer c = new WindowBuffer(stepEnd.length);
    c.index = copyOf(index, size);
    c.value = copyOf(value, size);
    c.count = copyOf(count, size);
    c.size = size;
    System.arraycopy(stepEnd, 0, c.stepEnd, 0, steps);
    c.steps = steps;
    return c;
  }

  /** Steps, their ends, then (index, value bits, count) per entry, big-endian ints: {@link #snapshotBytes()} bytes. */
  void write(BlockOutput out) throws IOException {
    out.putInt(steps);
    for (int t = 0; t < steps; t++) {
      out.putInt(stepEnd[t]);
    }
    for (int i = 0; i < size; i++) {
      out.putInt(index[i]).putInt(Float.floatToRawIntBits(value[i])).putInt(count[i]);
    }
  }

  long snapshotBytes() {
    return 4L * (1 + steps + 3L * size);
  }

  void read(DataInputStream in, int maxIndex) throws IOException {
    clear();
    int n = in.readInt();
    if (n < 0 || n > stepEnd.length) {
      throw new IOException("snapshot: replay buffer has " + n + " steps, the model has " + stepEnd.length);
    }
    for (int t = 0; t < n; t++) {
      stepEnd[t] = in.readInt();
      if (stepEnd[t] < (t == 0 ? 0 : stepEnd[t - 1])) {
        throw new IOException("snapshot: replay buffer step ends are not ascending");
      }
    }
    steps = n;
    int total = n == 0 ? 0 : stepEnd[n - 1];
    if (12L * total > in.available()) {
      throw new IOException("snapshot: replay buffer claims " + total + " entries, only " + in.available() + " bytes follow");
    }
    if (total > index.length) {
      index = new int[total];
      value = new float[total];
      count = new int[total];
    }
    byte[] raw = new byte[12 * total];
    in.readFully(raw);
    ByteBuffer bytes = ByteBuffer.wrap(raw);
    for (int i = 0; i < total; i++) {
      index[i] = bytes.getInt();
      if (index[i] < 0 || index[i] >= maxIndex) {
        throw new IOException("snapshot: replay buffer input index " + index[i] + " outside [0, " + maxIndex + ")");
      }
      value[i] = Float.intBitsToFloat(bytes.getInt());
      count[i] = bytes.getInt();
    }
    size = total;
  }
}
