package io.sne.runtime.snn;

import io.sne.runtime.model.Shape;

/** A fully connected projection applied by scatter: source i adds {@code value * W[:, i]} to every target. */
public final class DenseProjection implements Projection {
  private final int sourceCount;
  private final int targetCount;
  /**
   * rows[i][o] = W[o][channelMajor(i)]: one array per source. The scatter loop then indexes the
   * currents and the row with the same index, which C2 (Java 17) vectorises; with a row offset into
   * one flat array it cannot rule out that the two overlap, and runs scalar (5x slower measured).
   */
  private final float[][] rows;

  /** @param weightOi the file's tensor {@code [out, in]}, {@code in} in channel-major order of {@code source} */
  public DenseProjection(Shape source, int targets, float[] weightOi) {
    this.sourceCount = source.size();
    this.targetCount = targets;
    this.rows = new float[sourceCount][targets];
    for (int i = 0; i < sourceCount; i++) {
      int file = Layouts.toChannelMajor(i, source);
      for (int o = 0; o < targets; o++) {
        rows[i][o] = weightOi[o * sourceCount + file];
      }
    }
  }

  @Override
  public int sourceCount() {
    return sourceCount;
  }

  @Override
  public int targetCount() {
    return targetCount;
  }

  @Override
  public int fanOut(int source) {
    return targetCount;
  }

  @Override
  public long accumulate(SpikeEvents events, float[] current) {
    final int[] index = events.index;
    final float[] value = events.value;
    final int[] count = events.count;
    final int m = targetCount;
    long sourceEvents = 0;
    for (int e = 0, n = events.size; e < n; e++) {
      float[] w = rows[index[e]];
      float a = value[e];
      for (int o = 0; o < m; o++) {
        current[o] += a * w[o];
      }
      sourceEvents += count[e];
    }
    return sourceEvents * m;
  }
}
