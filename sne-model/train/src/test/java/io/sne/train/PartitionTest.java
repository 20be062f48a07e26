package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PartitionTest {
  private static final int DIM = 12;

  /** 12 dimensions built from 3 hidden factors, 4 noisy copies each, interleaved: dimension d follows factor d % 3. */
  private static float[] factorFeatures(int n, int[] labels) {
    Random rng = new Random(3);
    float[] f = new float[n * DIM];
    for (int i = 0; i < n; i++) {
      double[] z = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
      labels[i] = rng.nextInt(3);
      z[labels[i]] += 3; // class c shifts factor c
      for (int d = 0; d < DIM; d++) f[i * DIM + d] = (float) (z[d % 3] * (1 + d) + 0.1 * rng.nextGaussian() + d);
    }
    return f;
  }

  @Test
  void correlationAndClassAwareRecoverTheHiddenGroupsWhatEverTheirScale() {
    int[] labels = new int[3000];
    float[] f = factorFeatures(3000, labels);
    for (Partition.Scheme s : new Partition.Scheme[] {Partition.Scheme.CORRELATION, Partition.Scheme.CLASS_AWARE}) {
      int[][] slices = Partition.compute(s, f, DIM, labels, 3, null, 3, 1);
      Set<Set<Integer>> got = new java.util.HashSet<>();
      for (int[] slice : slices) {
        Set<Integer> set = new TreeSet<>();
        for (int d : slice) set.add(d);
        got.add(set);
      }
      assertThat(got).as(s.id()).containsExactlyInAnyOrder(Set.of(0, 3, 6, 9), Set.of(1, 4, 7, 10), Set.of(2, 5, 8, 11));
    }
  }

  @Test
  void everySchemeIsABalancedDisjointCover() {
    int[] labels = new int[500];
    float[] f = factorFeatures(500, labels);
    for (Partition.Scheme s : Partition.Scheme.values()) {
      int[][] slices = Partition.compute(s, f, DIM, labels, 3, head(3, DIM), 5, 7);
      assertThat(Arrays.stream(slices).mapToInt(a -> a.length).toArray()).as(s.id()).containsExactlyInAnyOrder(3, 3, 2, 2, 2);
      assertThat(Arrays.stream(slices).flatMapToInt(Arrays::stream).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }
    assertThat(Partition.compute(Partition.Scheme.SEQUENTIAL, f, DIM, labels, 3, null, 3, 0)[0]).containsExactly(0, 1, 2, 3);
    assertThat(Partition.compute(Partition.Scheme.RANDOM, f, DIM, labels, 3, null, 3, 1)).isDeepEqualTo(Partition.compute(Partition.Scheme.RANDOM, f, DIM, labels, 3, null, 3, 1));
  }

  @Test
  void constantDimensionsAreSpreadNotPiledOnOneStudent() {
    int n = 400;
    float[] f = new float[n * 8];
    Random rng = new Random(1);
    for (int i = 0; i < n; i++) for (int d = 0; d < 8; d++) f[i * 8 + d] = d < 4 ? 5f : (float) rng.nextGaussian();
    for (Partition.Scheme scheme : new Partition.Scheme[] {Partition.Scheme.CORRELATION, Partition.Scheme.SPREAD, Partition.Scheme.PROBE_DRAFT}) {
      int[][] slices = Partition.compute(scheme, f, 8, null, 0, head(2, 8), 4, 1);
      for (int[] s : slices) assertThat(Arrays.stream(s).filter(d -> d < 4).count()).as(scheme.id()).isEqualTo(1);
    }
  }

  @Test
  void unknownSchemeNamesTheChoices() {
    assertThatThrownBy(() -> Partition.Scheme.parse("kmeans")).hasMessageContaining("sequential, random, correlation, class-aware, spread or probe-draft");
    assertThat(Partition.Scheme.parse("class-aware")).isEqualTo(Partition.Scheme.CLASS_AWARE);
    assertThat(Partition.Scheme.parse("probe-draft")).isEqualTo(Partition.Scheme.PROBE_DRAFT);
  }

  /** A seeded head [classes][dim] with no zero weights. */
  static float[] head(int classes, int dim) {
    Random rng = new Random(5);
    float[] w = new float[classes * dim];
    for (int i = 0; i < w.length; i++) w[i] = (float) (0.5 + rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
    return w;
  }
}
