package io.sne.train;

/**
 * Every student's de-standardised prediction for a set of samples, and the assembly of the
 * ensemble feature f^: active students' slices, the training mean mu elsewhere.
 */
public record StudentOutputs(float[][] perStudent, int[][] slices, float[] mu, int[] labels) {
  public int size() {
    return labels.length;
  }

  public int dim() {
    return mu.length;
  }

  public int students() {
    return slices.length;
  }

  /** Writes f^ for sample i with the given students active into out[dim]. */
  public void assemble(int i, boolean[] active, float[] out, int offset) {
    System.arraycopy(mu, 0, out, offset, mu.length);
    for (int s = 0; s < slices.length; s++) {
      if (!active[s]) continue;
      int[] slice = slices[s];
      for (int j = 0; j < slice.length; j++) out[offset + slice[j]] = perStudent[s][i * slice.length + j];
    }
  }

  /** Head logits for sample i. */
  public double[] logits(int i, boolean[] active, float[] headWeight, float[] headBias) {
    float[] f = new float[dim()];
    assemble(i, active, f, 0);
    int classes = headBias.length;
    double[] z = new double[classes];
    for (int c = 0; c < classes; c++) {
      double v = headBias[c];
      for (int d = 0; d < f.length; d++) v += headWeight[c * f.length + d] * f[d];
      z[c] = v;
    }
    return z;
  }

  public static int argMax(double[] z) {
    int b = 0;
    for (int i = 1; i < z.length; i++) if (z[i] > z[b]) b = i;
    return b;
  }

  public static double[] softmax(double[] z) {
    double max = z[argMax(z)];
    double sum = 0;
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) p[i] /= sum;
    return p;
  }

  /** Accuracy of the head with a fixed set of active students. */
  public double accuracy(boolean[] active, float[] headWeight, float[] headBias) {
    int ok = 0;
    for (int i = 0; i < size(); i++) if (argMax(logits(i, active, headWeight, headBias)) == labels[i]) ok++;
    return size() == 0 ? 0 : ok / (double) size();
  }

  /**
   * Student s's mean squared error over its slice in standardised units ((o - f) / sd), against the
   * teacher features f [N][D]: the same quantity the distiller minimises, here on any split.
   */
  public double standardisedMse(int s, float[] features, float[] sd) {
    int dim = mu.length;
    int[] slice = slices[s];
    float[] o = perStudent[s];
    double sum = 0;
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < slice.length; j++) {
        int d = slice[j];
        double e = sd[d] > 0 ? (o[i * slice.length + j] - features[i * dim + d]) / sd[d] : 0;
        sum += e * e;
      }
    }
    return sum / ((double) size() * slice.length);
  }
}
