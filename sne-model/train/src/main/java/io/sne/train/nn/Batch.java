package io.sne.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Copies rows [from, to) of a row-major float table into an NDArray of shape [rows, dims...]. */
public final class Batch {
  private Batch() {}

  public static NDArray rows(NDManager m, float[] table, int rowSize, int[] order, int from, int to, long... dims) {
    return create(m, gather(table, rowSize, order, from, to), to - from, dims);
  }

  /** Rows [from, to) of the table (through order when not null), copied into one array. */
  public static float[] gather(float[] table, int rowSize, int[] order, int from, int to) {
    int n = to - from;
    float[] buf = new float[n * rowSize];
    for (int i = 0; i < n; i++) {
      int r = order == null ? from + i : order[from + i];
      System.arraycopy(table, r * rowSize, buf, i * rowSize, rowSize);
    }
    return buf;
  }

  /** n rows of the given per-row dims as an NDArray [n, dims...]. */
  public static NDArray create(NDManager m, float[] buf, int n, long... dims) {
    long[] shape = new long[dims.length + 1];
    shape[0] = n;
    System.arraycopy(dims, 0, shape, 1, dims.length);
    return m.create(buf, new Shape(shape));
  }

  public static NDArray labels(NDManager m, int[] labels, int[] order, int from, int to) {
    int[] buf = new int[to - from];
    for (int i = 0; i < buf.length; i++) buf[i] = labels[order == null ? from + i : order[from + i]];
    return m.create(buf);
  }
}
