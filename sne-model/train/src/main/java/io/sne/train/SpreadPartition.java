package io.sne.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code spread} scheme: the opposite of {@code correlation}. Correlated (redundant) dimensions
 * are grouped, then each group's members are dealt to different slices, so every slice holds one
 * member of every group and a student alone still sees a bit of everything: what the inactive
 * slices would have added at k &lt; N is then mostly redundant with what the active ones carry.
 *
 * <p>Groups of N (the slice count): the most informative unassigned dimension and the N - 1
 * unassigned ones most |correlated| with it. A dimension's information is how much it moves the
 * teacher's logits: std(f_d) * ||W[:, d]|| (the standardised features all have variance 1, so
 * their variance cannot rank them). Groups are dealt in order of information, each member (best
 * first) to the slice with the least information so far, which balances the slices; finally slices
 * are numbered by their total information, so slice 0 holds the most informative mix.
 */
final class SpreadPartition {
  private SpreadPartition() {}

  static int[][] compute(float[] features, int dim, float[] headWeight, int[] sizes) {
    int k = sizes.length;
    float[] sd = Partition.stds(features, dim);
    double[] info = logitInfluence(sd, headWeight, dim);
    Partition.DeadDealt dealt = Partition.dealDead(sd, sizes);
    int[] assign = dealt.assign();
    int[] room = dealt.room().clone();
    double[] sliceInfo = new double[k];
    double[][] absCorr = Partition.absCorrelationProfiles(features, dim);
    for (List<Integer> group : correlatedGroups(dealt.live(), absCorr, info, k)) {
      boolean[] taken = new boolean[k];
      for (int d : group) {
        int c = leastInformed(sliceInfo, room, taken);
        assign[d] = c;
        room[c]--;
        taken[c] = true;
        sliceInfo[c] += info[d];
      }
    }
    int[][] slices = Partition.slicesOf(assign, k);
    // nested: the gate's first student gets the most informative mix
    Integer[] byInfo = new Integer[k];
    for (int c = 0; c < k; c++) byInfo[c] = c;
    java.util.Arrays.sort(byInfo, Comparator.comparingDouble((Integer c) -> -sliceInfo[c]).thenComparingInt(c -> c));
    int[][] out = new int[k][];
    for (int i = 0; i < k; i++) out[i] = slices[byInfo[i]];
    return out;
  }

  /** std of dimension d's contribution to the logit vector: std(f_d) * ||W[:, d]||. */
  static double[] logitInfluence(float[] sd, float[] headWeight, int dim) {
    int classes = headWeight.length / dim;
    double[] info = new double[dim];
    for (int d = 0; d < dim; d++) {
      double w2 = 0;
      for (int c = 0; c < classes; c++) w2 += (double) headWeight[c * dim + d] * headWeight[c * dim + d];
      info[d] = sd[d] * Math.sqrt(w2);
    }
    return info;
  }

  /** Groups of up to groupSize: the most informative dimension left and those most |correlated| with it, best first. */
  private static List<List<Integer>> correlatedGroups(List<Integer> live, double[][] absCorr, double[] info, int groupSize) {
    List<Integer> left = new ArrayList<>(live);
    left.sort(Comparator.comparingDouble((Integer d) -> -info[d]).thenComparingInt(d -> d));
    List<List<Integer>> groups = new ArrayList<>();
    while (!left.isEmpty()) {
      int seed = left.remove(0);
      List<Integer> byCorr = new ArrayList<>(left);
      byCorr.sort(Comparator.comparingDouble((Integer d) -> -absCorr[seed][d]).thenComparingInt(d -> d));
      List<Integer> group = new ArrayList<>();
      group.add(seed);
      group.addAll(byCorr.subList(0, Math.min(groupSize - 1, byCorr.size())));
      left.removeAll(group);
      group.sort(Comparator.comparingDouble((Integer d) -> -info[d]).thenComparingInt(d -> d));
      groups.add(group);
    }
    return groups;
  }

  /** The slice with room and the least information so far, preferring one without a member of this group yet. */
  private static int leastInformed(double[] sliceInfo, int[] room, boolean[] taken) {
    int best = -1;
    for (int pass = 0; pass < 2 && best < 0; pass++) {
      for (int c = 0; c < room.length; c++) {
        if (room[c] <= 0 || (pass == 0 && taken[c])) continue;
        if (best < 0 || sliceInfo[c] < sliceInfo[best]) best = c;
      }
    }
    return best;
  }
}
