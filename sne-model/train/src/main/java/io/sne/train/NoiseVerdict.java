package io.sne.train;

import java.util.Locale;

/**
 * Whether the SNE loses less accuracy than its teacher under one kind of noise: each one's drop
 * from its own clean accuracy (level 0), averaged over the noisy levels, in points. "Loses less" is
 * the paper's robustness claim; absolute accuracies are reported beside it because a model that
 * starts lower has less to lose.
 */
public record NoiseVerdict(String kind, double sneDropPoints, double teacherDropPoints) {

  /** @param sne, teacher accuracies at the same levels, level 0 (clean) first */
  public static NoiseVerdict of(String kind, double[] sne, double[] teacher) {
    if (sne.length != teacher.length || sne.length < 2) {
      throw new IllegalArgumentException("noise '" + kind + "': need the clean level and at least one noisy level for both models");
    }
    return new NoiseVerdict(kind, meanDrop(sne), meanDrop(teacher));
  }

  private static double meanDrop(double[] acc) {
    double sum = 0;
    for (int i = 1; i < acc.length; i++) sum += acc[0] - acc[i];
    return 100 * sum / (acc.length - 1);
  }

  public boolean sneLosesLess() {
    return sneDropPoints < teacherDropPoints;
  }

  /** How many points less (yes) or more (no) the SNE loses than the teacher. */
  public double marginPoints() {
    return Math.abs(teacherDropPoints - sneDropPoints);
  }

  public String sentence() {
    return String.format(Locale.ROOT, "SNE loses less accuracy than the teacher under %s noise: **%s** by %.1f points "
        + "(mean drop over the noisy levels: SNE %.1f, teacher %.1f points)", kind, sneLosesLess() ? "yes" : "no", marginPoints(),
        sneDropPoints, teacherDropPoints);
  }
}
