package io.sne.train.data;

import java.util.List;
import java.util.Random;

/**
 * Images as one row-major float array [N][C][H][W] with values in [0,1], plus labels. Kept as
 * plain arrays: the runtime, the emulator and DJL all read them without conversion.
 */
public record LabelledImages(float[] pixels, int[] labels, int channels, int height, int width, List<String> labelNames) {

  public LabelledImages {
    if ((long) labels.length * channels * height * width != pixels.length) {
      throw new IllegalArgumentException("pixels length " + pixels.length + " != " + labels.length + " x " + channels + "x" + height + "x" + width);
    }
  }

  public int size() {
    return labels.length;
  }

  public int imageSize() {
    return channels * height * width;
  }

  public float[] image(int i) {
    float[] out = new float[imageSize()];
    System.arraycopy(pixels, i * imageSize(), out, 0, out.length);
    return out;
  }

  /** The rows at the given indices, in that order. */
  public LabelledImages select(int[] indices) {
    int s = imageSize();
    float[] p = new float[indices.length * s];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * s, p, i * s, s);
      l[i] = labels[indices[i]];
    }
    return new LabelledImages(p, l, channels, height, width, labelNames);
  }

  /** The first n rows, in order (all when n >= size). */
  public LabelledImages first(int n) {
    return n >= size() ? this : select(java.util.stream.IntStream.range(0, n).toArray());
  }

  /** The first n rows of a seeded shuffle (all rows when n >= size). */
  public LabelledImages subset(int n, long seed) {
    int[] order = shuffled(size(), seed);
    int[] pick = new int[Math.min(n, size())];
    System.arraycopy(order, 0, pick, 0, pick.length);
    return select(pick);
  }

  /** Rows [from, to) of a seeded shuffle: disjoint ranges give disjoint splits. */
  public LabelledImages range(int from, int to, long seed) {
    int[] order = shuffled(size(), seed);
    int[] pick = new int[Math.max(0, Math.min(to, size()) - from)];
    System.arraycopy(order, from, pick, 0, pick.length);
    return select(pick);
  }

  public static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Random rng = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
