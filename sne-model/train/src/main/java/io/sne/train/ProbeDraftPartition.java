package io.sne.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code probe-draft} scheme: aims straight at k &lt; N. Slices take turns, like a draft, to pick
 * the dimension left that most raises how well that slice alone linearly predicts the teacher's
 * logits ({@link LinearProbe#explained}). A dimension redundant with what a slice already holds
 * adds little to it, so each slice collects complementary dimensions; slice 0 picks first in every
 * round, so it ends with the best mix (nested for the gate's first student) while the turns keep the
 * slices close in quality for the others.
 */
final class ProbeDraftPartition {
  private ProbeDraftPartition() {}

  static int[][] compute(float[] features, int dim, float[] headWeight, int[] sizes) {
    int k = sizes.length;
    Partition.DeadDealt dealt = Partition.dealDead(Partition.stds(features, dim), sizes);
    // the bias does not change which dimensions explain the logits' variance
    LinearProbe probe = new LinearProbe(features, dim, headWeight, new float[headWeight.length / dim]);
    int[] assign = dealt.assign();
    int[] room = dealt.room().clone();
    List<List<Integer>> picked = new ArrayList<>();
    for (int c = 0; c < k; c++) picked.add(new ArrayList<>());
    List<Integer> left = new ArrayList<>(dealt.live());
    while (!left.isEmpty()) {
      for (int c = 0; c < k && !left.isEmpty(); c++) {
        if (room[c] == 0) continue;
        int best = bestAddition(probe, picked.get(c), left);
        left.remove(Integer.valueOf(best));
        picked.get(c).add(best);
        assign[best] = c;
        room[c]--;
      }
    }
    return Partition.slicesOf(assign, k);
  }

  /** The candidate whose addition gives the highest explained variance (lowest index on ties). */
  private static int bestAddition(LinearProbe probe, List<Integer> slice, List<Integer> candidates) {
    int[] subset = new int[slice.size() + 1];
    for (int i = 0; i < slice.size(); i++) subset[i] = slice.get(i);
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int d : candidates) {
      subset[slice.size()] = d;
      double score = probe.explained(subset);
      if (score > bestScore || (score == bestScore && d < best)) {
        bestScore = score;
        best = d;
      }
    }
    return best;
  }
}
