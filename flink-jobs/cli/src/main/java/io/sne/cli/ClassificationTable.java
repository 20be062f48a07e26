package io.sne.cli;

import io.sne.schemas.Classification;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints Classifications as a live table, one row each: stream, window, predicted vs true class,
 * confidence, students that ran, energy of the decision and how many times cheaper than the teacher.
 */
final class ClassificationTable {
  private static final String FORMAT = "%-14s %6s  %-13s %-13s %1s %5s  %-9s %10s  %9s%n";

  private final PrintStream out;
  private final List<String> classNames;

  /** @param classNames names of the true labels (index = class); empty to print indices */
  ClassificationTable(PrintStream out, List<String> classNames) {
    this.out = out;
    this.classNames = classNames;
  }

  void header() {
    out.printf(Locale.ROOT, FORMAT, "stream", "window", "predicted", "true", "", "conf", "students", "energy nJ", "vs teacher");
  }

  void row(Classification c) {
    Integer truth = c.getTrueLabel();
    String trueName = truth == null ? "-" : truth < classNames.size() ? classNames.get(truth) : String.valueOf(truth);
    String mark = truth == null ? "" : truth == c.getPredictedClass() ? "+" : "x";
    String students = c.getStudentsRun().stream().map(String::valueOf).collect(Collectors.joining(","));
    out.printf(Locale.ROOT, FORMAT, cut(c.getStreamId(), 14), c.getWindowIndex(), cut(c.getPredictedLabel(), 13),
        cut(trueName, 13), mark, String.format(Locale.ROOT, "%.2f", c.getConfidence()), cut(students, 9),
        String.format(Locale.ROOT, "%.1f", c.getEnergy().getEnergyPj() / 1000.0),
        String.format(Locale.ROOT, "%.0fx less", 1 / c.getEnergy().getEnergyRatio()));
    out.flush();
  }

  private static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }
}
