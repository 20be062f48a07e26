package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** spread and probe-draft: the schemes meant for k < N, where a slice must carry the decision alone. */
class SpreadingPartitionTest {
  private static final Partition.Scheme[] SPREADING = {Partition.Scheme.SPREAD, Partition.Scheme.PROBE_DRAFT};
  private static final int DIM = 12;

  /** 12 dimensions from 3 independent factors, 4 noisy copies each at different scales: dimension d copies factor d % 3. */
  private static float[] factorFeatures(int n) {
    Random rng = new Random(3);
    float[] f = new float[n * DIM];
    for (int i = 0; i < n; i++) {
      double[] z = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
      for (int d = 0; d < DIM; d++) f[i * DIM + d] = (float) (z[d % 3] * (1 + d) + 0.1 * rng.nextGaussian() + d);
    }
    return f;
  }

  @Test
  void everySliceHoldsOneCopyOfEveryCorrelatedGroup() {
    float[] f = factorFeatures(3000);
    for (Partition.Scheme s : SPREADING) {
      int[][] slices = Partition.compute(s, f, DIM, null, 0, PartitionTest.head(3, DIM), 4, 1);
      for (int[] slice : slices) {
        Set<Integer> factors = new TreeSet<>();
        for (int d : slice) factors.add(d % 3);
        assertThat(factors).as(s.id() + " " + Arrays.toString(slice)).containsExactly(0, 1, 2);
      }
    }
  }

  @Test
  void perfectlyCorrelatedDimensionsLandInDifferentSlices() {
    int n = 2000;
    int dim = 9;
    Random rng = new Random(11);
    float[] f = new float[n * dim];
    for (int i = 0; i < n; i++) {
      double x = rng.nextGaussian();
      f[i * dim] = (float) x;
      f[i * dim + 4] = (float) x; // an exact copy
      f[i * dim + 7] = (float) (-2 * x + 3); // the same information, scaled and flipped
      for (int d : new int[] {1, 2, 3, 5, 6, 8}) f[i * dim + d] = (float) rng.nextGaussian();
    }
    for (Partition.Scheme s : SPREADING) {
      int[][] slices = Partition.compute(s, f, dim, null, 0, PartitionTest.head(4, dim), 3, 2);
      assertThat(Arrays.stream(slices).mapToInt(a -> a.length).toArray()).as(s.id()).containsExactly(3, 3, 3);
      for (int[] slice : slices) assertThat(Arrays.stream(slice).filter(d -> d == 0 || d == 4 || d == 7).count()).as(s.id()).isEqualTo(1);
    }
  }

  @Test
  void eachProbeDraftSliceAlonePredictsTheLogitsWhereCorrelationSlicesCannot() {
    float[] f = factorFeatures(3000);
    float[] w = new float[3 * DIM];
    Arrays.fill(w, 1f); // the factors' shares of the logits' variance are then 22^2 : 26^2 : 30^2 (sums of the copies' scales)
    LinearProbe probe = new LinearProbe(f, DIM, w, new float[3]);
    // correlation recovers the factors (PartitionTest): one slice = one factor, at most 30^2 / (22^2 + 26^2 + 30^2) = 0.44 of the logits' variance
    for (int[] slice : Partition.compute(Partition.Scheme.CORRELATION, f, DIM, null, 0, null, 3, 1)) {
      assertThat(probe.explained(slice)).isLessThan(0.8);
    }
    for (int[] slice : Partition.compute(Partition.Scheme.PROBE_DRAFT, f, DIM, null, 0, w, 3, 1)) {
      assertThat(probe.explained(slice)).isGreaterThan(0.99);
    }
  }

  @Test
  void spreadBalancesInformationAndPutsTheMostInformativeSliceFirst() {
    // 8 independent dimensions whose logit influence is 8, 7, ..., 1: sequential would give 26 against 10
    int n = 2000;
    int dim = 8;
    Random rng = new Random(4);
    float[] f = new float[n * dim];
    for (int i = 0; i < n * dim; i++) f[i] = (float) rng.nextGaussian();
    float[] w = new float[dim];
    for (int d = 0; d < dim; d++) w[d] = dim - d;
    double[] info = SpreadPartition.logitInfluence(Partition.stds(f, dim), w, dim);
    int[][] slices = Partition.compute(Partition.Scheme.SPREAD, f, dim, null, 0, w, 2, 1);
    double first = Arrays.stream(slices[0]).mapToDouble(d -> info[d]).sum();
    double second = Arrays.stream(slices[1]).mapToDouble(d -> info[d]).sum();
    assertThat(first).isGreaterThanOrEqualTo(second);
    // greedy least-informed dealing of pairs: the imbalance never exceeds one dimension's influence
    assertThat(first - second).isLessThanOrEqualTo(Arrays.stream(info).max().orElseThrow());
    assertThat(slices[0]).hasSize(4);
  }
}
