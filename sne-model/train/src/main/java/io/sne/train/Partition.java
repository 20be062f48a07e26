package io.sne.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Splits the D teacher-feature dimensions into N disjoint slices of sizes differing by at most one.
 * Informed schemes work on standardised pre-activation features (zero mean, unit variance per
 * dimension), so a dimension's scale does not decide its slice, and near-constant dimensions
 * (std below 1e-6 of the largest) are dealt out round-robin so no student is left with only dead targets.
 * Correlation and class-aware cluster similar dimensions into one slice; spread ({@link SpreadPartition})
 * and probe-draft ({@link ProbeDraftPartition}) do the opposite for k &lt; N, so a slice alone carries
 * as much of the teacher's decision as it can.
 */
public final class Partition {
  public enum Scheme {
    SEQUENTIAL, RANDOM, CORRELATION, CLASS_AWARE, SPREAD, PROBE_DRAFT;

    public static Scheme parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown partition scheme '" + s + "', expected sequential, random, correlation, class-aware, spread or probe-draft");
      }
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private Partition() {}

  /**
   * features [N][D] row-major; labels needed for class-aware; the teacher's head weight [C][D]
   * row-major for spread and probe-draft (they weigh dimensions by how much they move the logits).
   */
  public static int[][] compute(Scheme scheme, float[] features, int dim, int[] labels, int classes, float[] headWeight, int students, long seed) {
    if (students < 1 || students > dim) throw new IllegalArgumentException("students must be in 1.." + dim + ", got " + students);
    int[] sizes = sizes(dim, students);
    return switch (scheme) {
      case SEQUENTIAL -> chunk(identity(dim), sizes);
      case RANDOM -> chunk(io.sne.train.data.LabelledImages.shuffled(dim, seed), sizes);
      case CORRELATION -> balancedClusters(absCorrelationProfiles(features, dim), dim, sizes, features, seed);
      case CLASS_AWARE -> balancedClusters(classMeanProfiles(features, dim, labels, classes), dim, sizes, features, seed);
      case SPREAD -> SpreadPartition.compute(features, dim, requireHead(scheme, headWeight), sizes);
      case PROBE_DRAFT -> ProbeDraftPartition.compute(features, dim, requireHead(scheme, headWeight), sizes);
    };
  }

  private static float[] requireHead(Scheme scheme, float[] headWeight) {
    if (headWeight == null) throw new IllegalArgumentException(scheme.id() + " partition needs the teacher's head weights");
    return headWeight;
  }

  /** Live dimensions, and slices already holding the near-constant ones (assign[d] = slice, -1 for live). */
  record DeadDealt(List<Integer> live, int[] assign, int[] room) {}

  /** Near-constant dimensions (std below 1e-6 of the largest) go out first, each to the slice with the most room left. */
  static DeadDealt dealDead(float[] sd, int[] sizes) {
    float maxSd = 0;
    for (float s : sd) maxSd = Math.max(maxSd, s);
    List<Integer> live = new ArrayList<>();
    int[] assign = new int[sd.length];
    Arrays.fill(assign, -1);
    int[] room = sizes.clone();
    for (int d = 0; d < sd.length; d++) {
      if (sd[d] > 1e-6f * maxSd) {
        live.add(d);
      } else {
        int c = mostRoom(room);
        assign[d] = c;
        room[c]--;
      }
    }
    return new DeadDealt(live, assign, room);
  }

  static int[][] slicesOf(int[] assign, int k) {
    int[][] out = new int[k][];
    for (int c = 0; c < k; c++) {
      final int cc = c;
      out[c] = java.util.stream.IntStream.range(0, assign.length).filter(d -> assign[d] == cc).toArray();
    }
    return out;
  }

  static int[] sizes(int dim, int n) {
    int[] s = new int[n];
    for (int i = 0; i < n; i++) s[i] = dim / n + (i < dim % n ? 1 : 0);
    return s;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    return a;
  }

  private static int[][] chunk(int[] order, int[] sizes) {
    int[][] out = new int[sizes.length][];
    int k = 0;
    for (int i = 0; i < sizes.length; i++) {
      out[i] = Arrays.copyOfRange(order, k, k + sizes[i]);
      Arrays.sort(out[i]);
      k += sizes[i];
    }
    return out;
  }

  public static float[] means(float[] f, int dim) {
    int n = f.length / dim;
    double[] s = new double[dim];
    for (int i = 0; i < n; i++) for (int d = 0; d < dim; d++) s[d] += f[i * dim + d];
    float[] out = new float[dim];
    for (int d = 0; d < dim; d++) out[d] = (float) (s[d] / n);
    return out;
  }

  public static float[] stds(float[] f, int dim) {
    int n = f.length / dim;
    float[] mu = means(f, dim);
    double[] s = new double[dim];
    for (int i = 0; i < n; i++) for (int d = 0; d < dim; d++) {
      double x = f[i * dim + d] - mu[d];
      s[d] += x * x;
    }
    float[] out = new float[dim];
    for (int d = 0; d < dim; d++) out[d] = (float) Math.sqrt(s[d] / Math.max(1, n - 1));
    return out;
  }

  /** Row d = |Pearson correlation| of dimension d with every dimension. */
  static double[][] absCorrelationProfiles(float[] f, int dim) {
    int n = f.length / dim;
    float[] mu = means(f, dim);
    float[] sd = stds(f, dim);
    double[][] c = new double[dim][dim];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < dim; a++) {
        double xa = f[i * dim + a] - mu[a];
        for (int b = a; b < dim; b++) c[a][b] += xa * (f[i * dim + b] - mu[b]);
      }
    }
    for (int a = 0; a < dim; a++) for (int b = a; b < dim; b++) {
      double den = (n - 1) * (double) sd[a] * sd[b];
      double v = den > 0 ? Math.abs(c[a][b] / den) : 0;
      c[a][b] = v;
      c[b][a] = v;
    }
    return c;
  }

  /** Row d = mean standardised activation of dimension d per class. */
  static double[][] classMeanProfiles(float[] f, int dim, int[] labels, int classes) {
    if (labels == null) throw new IllegalArgumentException("class-aware partition needs labels");
    int n = f.length / dim;
    float[] mu = means(f, dim);
    float[] sd = stds(f, dim);
    double[][] p = new double[dim][classes];
    int[] count = new int[classes];
    for (int i = 0; i < n; i++) {
      count[labels[i]]++;
      for (int d = 0; d < dim; d++) p[d][labels[i]] += sd[d] > 0 ? (f[i * dim + d] - mu[d]) / sd[d] : 0;
    }
    for (int d = 0; d < dim; d++) for (int c = 0; c < classes; c++) p[d][c] /= Math.max(1, count[c]);
    return p;
  }

  /**
   * Balanced k-means on the dimensions' profile vectors (cosine similarity): each round assigns
   * (dimension, cluster) pairs greedily by similarity under the size caps, then recomputes centres.
   */
  static int[][] balancedClusters(double[][] profile, int dim, int[] sizes, float[] features, long seed) {
    int k = sizes.length;
    DeadDealt dealt = dealDead(stds(features, dim), sizes);
    List<Integer> live = dealt.live();
    double[][] unit = new double[dim][];
    for (int d = 0; d < dim; d++) unit[d] = normalise(profile[d].clone());
    // seeds: farthest-point from a seeded random start, among live dimensions
    Random rng = new Random(seed);
    double[][] centre = new double[k][];
    List<Integer> pool = live.isEmpty() ? java.util.stream.IntStream.range(0, dim).boxed().toList() : live;
    centre[0] = unit[pool.get(rng.nextInt(pool.size()))].clone();
    for (int c = 1; c < k; c++) {
      int best = pool.get(0);
      double bestSim = Double.POSITIVE_INFINITY;
      for (int d : pool) {
        double maxSim = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) maxSim = Math.max(maxSim, dot(unit[d], centre[j]));
        if (maxSim < bestSim) {
          bestSim = maxSim;
          best = d;
        }
      }
      centre[c] = unit[best].clone();
    }
    int[] assign = dealt.assign();
    for (int round = 0; round < 20; round++) {
      int[] used = new int[k];
      int[] next = assign.clone();
      for (int d : live) next[d] = -1;
      List<double[]> pairs = new ArrayList<>();
      for (int d : live) for (int c = 0; c < k; c++) pairs.add(new double[] {dot(unit[d], centre[c]), d, c});
      pairs.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1] * k + a[2], b[1] * k + b[2]));
      for (double[] p : pairs) {
        int d = (int) p[1];
        int c = (int) p[2];
        if (next[d] < 0 && used[c] < dealt.room()[c]) {
          next[d] = c;
          used[c]++;
        }
      }
      boolean same = Arrays.equals(next, assign);
      assign = next;
      for (int c = 0; c < k; c++) {
        double[] s = new double[unit[0].length];
        for (int d : live) if (assign[d] == c) for (int j = 0; j < s.length; j++) s[j] += unit[d][j];
        centre[c] = normalise(s);
      }
      if (same) break;
    }
    return slicesOf(assign, k);
  }

  private static int mostRoom(int[] room) {
    int best = 0;
    for (int c = 1; c < room.length; c++) if (room[c] > room[best]) best = c;
    return best;
  }

  private static double[] normalise(double[] v) {
    double n = Math.sqrt(dot(v, v));
    if (n > 0) for (int i = 0; i < v.length; i++) v[i] /= n;
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
