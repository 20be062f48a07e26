package io.sne.train;

/**
 * A ridge-regularised linear probe of the teacher's logits from a subset S of its feature
 * dimensions: the best linear map from f[S] to z = W f + b. Because z is an exact linear function of
 * f, the probe is solved in closed form from the training features' covariance C alone
 * (A = (C_SS + ridge)^-1 C_Sz with C_Sz = (C W^T)_S), so scoring a subset costs one small solve and
 * no pass over the samples. With tens of thousands of samples and at most D parameters per logit
 * the fit cannot overfit measurably, so no held-out split is needed to score subsets.
 *
 * <p>It tells how much of the teacher's decision one slice can carry on its own: what a student
 * that reproduced its slice exactly would give the ensemble head at k = 1.
 */
final class LinearProbe {
  /** Ridge relative to each dimension's variance: keeps duplicated dimensions solvable, scale-free. */
  private static final double RIDGE = 1e-4;

  private final int dim;
  private final int classes;
  private final float[] mu;
  private final double[][] cov;
  private final double[][] crossCov;
  private final double logitVariance;
  private final float[] headWeight;
  private final float[] headBias;

  /** features [n][dim] row-major; headWeight [classes][dim] row-major, as the teacher's head. */
  LinearProbe(float[] features, int dim, float[] headWeight, float[] headBias) {
    this.dim = dim;
    this.classes = headWeight.length / dim;
    this.mu = Partition.means(features, dim);
    this.cov = covariance(features, dim, mu);
    this.headWeight = headWeight;
    this.headBias = headBias;
    crossCov = new double[dim][classes];
    for (int d = 0; d < dim; d++) for (int c = 0; c < classes; c++) {
      double s = 0;
      for (int e = 0; e < dim; e++) s += cov[d][e] * headWeight[c * dim + e];
      crossCov[d][c] = s;
    }
    double v = 0;
    for (int c = 0; c < classes; c++) for (int d = 0; d < dim; d++) v += headWeight[c * dim + d] * crossCov[d][c];
    logitVariance = v;
  }

  /** Share of the logits' total variance that the probe on these dimensions explains, in [0, 1]. */
  double explained(int[] subset) {
    double[][] a = fit(subset);
    double s = 0;
    for (int i = 0; i < subset.length; i++) for (int c = 0; c < classes; c++) s += crossCov[subset[i]][c] * a[i][c];
    return logitVariance > 0 ? s / logitVariance : 0;
  }

  /** Accuracy of the probe's argmax on other features (e.g. the test set's true teacher features). */
  double accuracy(int[] subset, float[] features, int[] labels) {
    double[][] a = fit(subset);
    double[] meanLogit = new double[classes];
    for (int c = 0; c < classes; c++) {
      double s = headBias[c];
      for (int d = 0; d < dim; d++) s += headWeight[c * dim + d] * mu[d];
      meanLogit[c] = s;
    }
    int ok = 0;
    for (int n = 0; n < labels.length; n++) {
      int best = 0;
      double bestV = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double v = meanLogit[c];
        for (int i = 0; i < subset.length; i++) v += (features[n * dim + subset[i]] - mu[subset[i]]) * a[i][c];
        if (v > bestV) {
          bestV = v;
          best = c;
        }
      }
      if (best == labels[n]) ok++;
    }
    return labels.length == 0 ? 0 : ok / (double) labels.length;
  }

  /** A [|S|][classes] by Cholesky on C_SS + ridge; a dimension with no variance left gets zero weights. */
  private double[][] fit(int[] subset) {
    int m = subset.length;
    double[][] l = new double[m][m];
    boolean[] skip = new boolean[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j <= i; j++) {
        double s = cov[subset[i]][subset[j]] + (i == j ? RIDGE * cov[subset[i]][subset[i]] : 0);
        for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
        if (i == j) {
          skip[i] = s <= 1e-12 * (1 + cov[subset[i]][subset[i]]);
          l[i][i] = skip[i] ? 1 : Math.sqrt(s);
        } else {
          l[i][j] = skip[j] ? 0 : s / l[j][j];
        }
      }
      if (skip[i]) java.util.Arrays.fill(l[i], 0, i, 0);
    }
    double[][] a = new double[m][classes];
    for (int c = 0; c < classes; c++) {
      double[] y = new double[m];
      for (int i = 0; i < m; i++) {
        double s = skip[i] ? 0 : crossCov[subset[i]][c];
        for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
        y[i] = s / l[i][i];
      }
      for (int i = m - 1; i >= 0; i--) {
        double s = y[i];
        for (int k = i + 1; k < m; k++) s -= l[k][i] * a[k][c];
        a[i][c] = skip[i] ? 0 : s / l[i][i];
      }
    }
    return a;
  }

  private static double[][] covariance(float[] f, int dim, float[] mu) {
    int n = f.length / dim;
    double[][] c = new double[dim][dim];
    double[] x = new double[dim];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) x[d] = f[i * dim + d] - mu[d];
      for (int a = 0; a < dim; a++) for (int b = a; b < dim; b++) c[a][b] += x[a] * x[b];
    }
    for (int a = 0; a < dim; a++) for (int b = a; b < dim; b++) {
      c[a][b] /= Math.max(1, n - 1);
      c[b][a] = c[a][b];
    }
    return c;
  }
}
