package io.sne.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sne.train.nn.Batch;
import io.sne.train.nn.StudentArch;

/**
 * What students read, one row per sample: for direct encoding the image [C*H*W]; for events the
 * per-step frames [T*C*H*W] built by the runtime's encoder, so training and runtime bin alike.
 */
public record StudentInputs(float[] rows, int rowSize, int[] labels) {
  public int size() {
    return labels.length;
  }

  public NDArray batch(NDManager m, StudentArch arch, int[] order, int from, int to) {
    if (arch.encoding().equals("events")) {
      return Batch.rows(m, rows, rowSize, order, from, to, arch.timeSteps(), arch.channels(), arch.height(), arch.width());
    }
    return Batch.rows(m, rows, rowSize, order, from, to, arch.channels(), arch.height(), arch.width());
  }

  public float[] row(int i) {
    float[] out = new float[rowSize];
    System.arraycopy(rows, i * rowSize, out, 0, rowSize);
    return out;
  }
}
