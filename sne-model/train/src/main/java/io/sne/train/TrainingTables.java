package io.sne.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the training run's own measurements (summary.json) for the report: baselines, comparisons, times. */
final class TrainingTables {
  private TrainingTables() {}

  static String markdown(Map<?, ?> t, double teacherPj) {
    StringBuilder b = new StringBuilder("## From the training run (summary.json)\n\n");
    b.append("Per-k accuracies here are the DJL students' (the parity test shows the runtime computes the same network); energies are the runtime's per-student means on validation data.\n\n");
    if (t.get("teacher") instanceof Map<?, ?> m) {
      b.append(String.format(Locale.ROOT, "- Teacher (%s): test accuracy %.4f, %s MACs, trained in %.0f s.%n", m.get("variant"), num(m.get("testAccuracy")),
          m.get("macs"), num(m.get("seconds"))));
    }
    if (t.get("teacherFineTuned") instanceof Map<?, ?> m) {
      b.append(String.format(Locale.ROOT, "- Teacher (%s): test accuracy %.4f.%n", m.get("variant"), num(m.get("testAccuracy"))));
    }
    if (t.get("annBaseline") instanceof Map<?, ?> m) {
      b.append(String.format(Locale.ROOT, "- Compact ANN of one student's shape (%s): test accuracy %.4f, %s MACs = %.4f uJ (%.1fx less than the teacher).%n",
          m.get("shape"), num(m.get("testAccuracy")), m.get("macs"), num(m.get("energyPj")) / 1e6, teacherPj / num(m.get("energyPj"))));
    }
    if (t.get("seconds") instanceof Map<?, ?> m) {
      b.append(String.format(Locale.ROOT, "- Wall time: students %.0f s, head and outputs %.0f s, whole run %.0f s (2 shared cores).%n",
          num(m.get("students")), num(m.get("headAndOutputs")), num(m.get("total"))));
    }
    if (t.get("resumedFromCheckpoints") instanceof List<?> r && !r.isEmpty()) {
      b.append("- Resumed: ").append(String.join(", ", r.stream().map(String::valueOf).toList()))
          .append(" came from an earlier run's checkpoints, so the times above are of loading them, not of training; the training log has the run that trained them.\n");
    }
    b.append('\n');
    if (t.get("comparison") instanceof Map<?, ?> c && c.get("variants") instanceof List<?> variants) {
      b.append("### Partition schemes and teacher variants, test accuracy by active students (first k of each model's gate order)\n\n");
      b.append("| partition | teacher | teacher accuracy | k=1 | k=2 | k=3 | k=4 | energy k=4 (uJ) |\n|---|---|---|---|---|---|---|---|\n");
      for (Object o : variants) {
        Map<?, ?> v = (Map<?, ?>) o;
        Map<?, ?> ts = (Map<?, ?>) v.get("teacherSummary");
        List<?> perK = (List<?>) v.get("perK");
        b.append("| ").append(v.get("partition")).append(" | ").append(v.get("teacher")).append(" | ")
            .append(String.format(Locale.ROOT, "%.4f", num(ts.get("testAccuracy"))));
        double lastE = 0;
        for (int k = 0; k < 4; k++) {
          if (k < perK.size()) {
            Map<?, ?> row = (Map<?, ?>) perK.get(k);
            b.append(String.format(Locale.ROOT, " | %.4f", num(row.get("testAccuracy"))));
            lastE = num(row.get("meanEnergyPj"));
          } else {
            b.append(" | -");
          }
        }
        b.append(String.format(Locale.ROOT, " | %.4f |%n", lastE / 1e6));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
