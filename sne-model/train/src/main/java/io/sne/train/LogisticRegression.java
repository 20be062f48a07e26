package io.sne.train;

/**
 * L2-regularised logistic regression on a handful of features, fitted exactly by Newton's method
 * (the problem is tiny and convex, so no learning rate, no randomness, the same answer every run).
 * Features are standardised for the fit and the result is folded back into raw-feature weights, so
 * the caller applies {@code w . x + b} to the raw statistics the runtime computes.
 */
final class LogisticRegression {
  /** p(y = 1 | x) = sigmoid(weight . x + bias), on raw features. */
  record Model(double[] weight, double bias) {
    double logit(float[] x) {
      double z = bias;
      for (int f = 0; f < weight.length; f++) z += weight[f] * x[f];
      return z;
    }
  }

  private LogisticRegression() {}

  /**
   * @param x rows of raw features, all of the same length
   * @param y targets
   * @param l2 ridge penalty on the standardised weights (not the intercept), per sample
   */
  static Model fit(float[][] x, boolean[] y, double l2) {
    int n = x.length;
    int g = n == 0 ? 0 : x[0].length;
    double[] mean = new double[g];
    double[] sd = new double[g];
    for (float[] row : x) for (int f = 0; f < g; f++) mean[f] += row[f] / (double) n;
    for (float[] row : x) for (int f = 0; f < g; f++) sd[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / n;
    for (int f = 0; f < g; f++) sd[f] = Math.sqrt(sd[f]) < 1e-9 ? 0 : Math.sqrt(sd[f]); // a constant feature gets no weight
    int positives = 0;
    for (boolean t : y) if (t) positives++;
    if (positives == 0 || positives == n) {
      // nothing to separate: the constant answer (clamped so the logit stays finite)
      double p = Math.min(1 - 1e-6, Math.max(1e-6, positives / (double) Math.max(1, n)));
      return new Model(new double[g], Math.log(p / (1 - p)));
    }
    int m = g + 1; // standardised weights, then the intercept
    double[] beta = new double[m];
    double[] z = new double[m];
    for (int iter = 0; iter < 50; iter++) {
      double[] grad = new double[m];
      double[][] hess = new double[m][m];
      for (int i = 0; i < n; i++) {
        standardise(x[i], mean, sd, z);
        double s = beta[g];
        for (int f = 0; f < g; f++) s += beta[f] * z[f];
        double p = 1 / (1 + Math.exp(-s));
        double r = (y[i] ? 1 : 0) - p;
        double w = Math.max(p * (1 - p), 1e-12);
        for (int a = 0; a < m; a++) {
          grad[a] += r * z[a];
          for (int b = 0; b <= a; b++) hess[a][b] += w * z[a] * z[b];
        }
      }
      for (int a = 0; a < m; a++) {
        for (int b = 0; b < a; b++) hess[b][a] = hess[a][b];
        if (a < g) {
          grad[a] -= l2 * n * beta[a];
          hess[a][a] += l2 * n;
        }
        if (a < g && sd[a] == 0) hess[a][a] += 1; // keep the system regular for constant features
      }
      double[] step = solve(hess, grad);
      double largest = 0;
      for (int a = 0; a < m; a++) {
        beta[a] += step[a];
        largest = Math.max(largest, Math.abs(step[a]));
      }
      if (largest < 1e-9) break;
    }
    double[] weight = new double[g];
    double bias = beta[g];
    for (int f = 0; f < g; f++) {
      if (sd[f] == 0) continue;
      weight[f] = beta[f] / sd[f];
      bias -= beta[f] * mean[f] / sd[f];
    }
    return new Model(weight, bias);
  }

  /** z = [(x - mean) / sd..., 1]. */
  private static void standardise(float[] x, double[] mean, double[] sd, double[] z) {
    for (int f = 0; f < mean.length; f++) z[f] = sd[f] == 0 ? 0 : (x[f] - mean[f]) / sd[f];
    z[mean.length] = 1;
  }

  /** Gaussian elimination with partial pivoting (the system is (G+1) x (G+1), positive definite). */
  private static double[] solve(double[][] a, double[] b) {
    int m = b.length;
    double[][] t = new double[m][];
    for (int i = 0; i < m; i++) {
      t[i] = java.util.Arrays.copyOf(a[i], m + 1);
      t[i][m] = b[i];
    }
    for (int c = 0; c < m; c++) {
      int pivot = c;
      for (int r = c + 1; r < m; r++) if (Math.abs(t[r][c]) > Math.abs(t[pivot][c])) pivot = r;
      double[] tmp = t[c];
      t[c] = t[pivot];
      t[pivot] = tmp;
      for (int r = c + 1; r < m; r++) {
        double f = t[r][c] / t[c][c];
        for (int k = c; k <= m; k++) t[r][k] -= f * t[c][k];
      }
    }
    double[] x = new double[m];
    for (int r = m - 1; r >= 0; r--) {
      double s = t[r][m];
      for (int k = r + 1; k < m; k++) s -= t[r][k] * x[k];
      x[r] = s / t[r][r];
    }
    return x;
  }
}
