package io.sne.train;

import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.ensemble.StudentRuns;
import io.sne.runtime.model.InputSpec;

/**
 * Feeds a training input row to the runtime. Direct rows are images; event rows are per-step
 * count frames, replayed as that many events per pixel at the step's start time (the runtime bins
 * them back into the same frames, so the students see identical input).
 */
public final class RuntimeInputs {
  private RuntimeInputs() {}

  public static Decision classify(SneEnsemble ensemble, StudentInputs inputs, int i, int[] students) {
    InputSpec spec = ensemble.model().input();
    if (!spec.events()) return ensemble.classifyWithStudents(inputs.row(i), students);
    return ensemble.classifyWithStudents(window(spec, inputs.row(i)), students);
  }

  public static Decision classify(SneEnsemble ensemble, StudentInputs inputs, int i) {
    InputSpec spec = ensemble.model().input();
    if (!spec.events()) return ensemble.classify(inputs.row(i));
    return ensemble.classify(window(spec, inputs.row(i)));
  }

  /** Every student run once over input row i (see {@link SneEnsemble#runStudents}). */
  public static StudentRuns runStudents(SneEnsemble ensemble, StudentInputs inputs, int i) {
    InputSpec spec = ensemble.model().input();
    if (!spec.events()) return ensemble.runStudents(inputs.row(i));
    return ensemble.runStudents(window(spec, inputs.row(i)));
  }

  /** Events reproducing count frames [T][2][H][W] on a sensor equal to the input (scale 1). */
  public static EventWindow window(InputSpec spec, float[] frames) {
    if (spec.sensorWidth() != spec.width() || spec.sensorHeight() != spec.height()) {
      throw new IllegalArgumentException("replaying frames needs sensor size == input size");
    }
    int plane = spec.height() * spec.width();
    int frame = spec.size();
    int total = 0;
    for (float v : frames) total += (int) v;
    long[] t = new long[total];
    int[] x = new int[total];
    int[] y = new int[total];
    byte[] p = new byte[total];
    int e = 0;
    for (int step = 0; step < spec.timeSteps(); step++) {
      for (int idx = 0; idx < frame; idx++) {
        int count = (int) frames[step * frame + idx];
        int c = idx / plane;
        int pix = idx % plane;
        for (int k = 0; k < count; k++, e++) {
          t[e] = step * spec.dtUs();
          x[e] = pix % spec.width();
          y[e] = pix / spec.width();
          p[e] = (byte) c;
        }
      }
    }
    return new EventWindow(t, x, y, p, total, 0L);
  }
}
