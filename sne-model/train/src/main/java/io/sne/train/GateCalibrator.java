package io.sne.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Calibrates the gate on held-out data: the fixed-k order (greedy: each next student is the one
 * that raises validation accuracy most), the cascade over that order at a grid of confidence
 * thresholds, the learned gate over that order at a grid of cost thresholds (when the runtime's gate
 * features are given), and the accuracy/energy Pareto front of all these operating points.
 */
public final class GateCalibrator {
  /** One operating point. threshold is null for fixed-k points. */
  public record Point(String policy, int k, Double threshold, double accuracy, double meanStudents, double meanEnergyPj) {}

  /** learned: the learned gate at its chosen point (null when no gate features were given). */
  public record Calibration(int[] order, List<Point> points, List<Point> pareto, Point chosen, LearnedGate learned) {
    public Calibration(int[] order, List<Point> points, List<Point> pareto, Point chosen) {
      this(order, points, pareto, chosen, null);
    }
  }

  /** The runtime's gate features g of every validation sample with the given student as the one that always runs. */
  @FunctionalInterface
  public interface GateFeatureSource {
    float[][] forFirstStudent(int student) throws java.io.IOException;
  }

  public static final double[] THRESHOLDS = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999};

  /** Cost thresholds lambda of the learned gate: 0 (every student), 0.01 .. 1 log-spaced, then beyond (first student only). */
  public static final double[] LEARNED_THRESHOLDS = learnedThresholds();

  private static double[] learnedThresholds() {
    double[] t = new double[28];
    for (int i = 0; i <= 24; i++) t[i + 1] = 0.01 * Math.pow(100, i / 24.0);
    t[26] = 2;
    t[27] = 1e9;
    return t;
  }

  private GateCalibrator() {}

  /**
   * As {@link #calibrate(StudentOutputs, float[], float[], double[], double, String, double)}, plus the
   * learned gate: fitted on the features the runtime computes with the order's first student, its
   * points added to the curve; policy may then also be {@code learned}.
   *
   * @param gateEnergyPj energy of evaluating one further student's gate score (G MACs)
   */
  public static Calibration calibrate(StudentOutputs val, float[] headW, float[] headB, double[] studentEnergyPj,
      double headEnergyPj, double gateEnergyPj, String policy, double maxLoss, GateFeatureSource features) throws java.io.IOException {
    if (!policy.equals("learned")) checkPolicy(policy);
    Calibration base = calibrate(val, headW, headB, studentEnergyPj, headEnergyPj, "fixed-k", maxLoss);
    int[] order = base.order();
    float[][] g = features.forFirstStudent(order[0]);
    LearnedGate.Fitted fitted = LearnedGate.fit(val, g, order, headW, headB, studentEnergyPj);
    List<Point> points = new ArrayList<>(base.points());
    List<LearnedGate> gates = new ArrayList<>();
    for (double lambda : LEARNED_THRESHOLDS) {
      LearnedGate gate = fitted.at(lambda);
      gates.add(gate);
      points.add(learned(val, headW, headB, gate, g, studentEnergyPj, headEnergyPj, gateEnergyPj));
    }
    double full = base.points().get(val.students() - 1).accuracy();
    Point chosen = cheapestWithin(points, policy, full - maxLoss, base.points().get(val.students() - 1));
    Point learnedChoice = cheapestWithin(points, "learned", full - maxLoss, null);
    LearnedGate gate = gates.get(java.util.Arrays.stream(LEARNED_THRESHOLDS).boxed().toList().indexOf(learnedChoice.threshold()));
    return new Calibration(order, points, paretoFront(points), chosen, gate);
  }

  private static void checkPolicy(String policy) {
    if (!policy.equals("fixed-k") && !policy.equals("cascade")) {
      throw new IllegalArgumentException("gate.policy must be fixed-k, cascade or learned, got '" + policy + "'");
    }
  }

  private static Point cheapestWithin(List<Point> points, String policy, double floor, Point otherwise) {
    return points.stream().filter(p -> p.policy().equals(policy) && p.accuracy() >= floor)
        .min(Comparator.comparingDouble(Point::meanEnergyPj).thenComparing(Comparator.comparingDouble(Point::accuracy).reversed()))
        .orElse(otherwise);
  }

  /** The learned gate's accuracy and mean energy: exactly the students it would run for each sample. */
  public static Point learned(StudentOutputs val, float[] headW, float[] headB, LearnedGate gate, float[][] g,
      double[] studentEnergyPj, double headEnergyPj, double gateEnergyPj) {
    int ok = 0;
    long ran = 0;
    double energy = 0;
    for (int i = 0; i < val.size(); i++) {
      boolean[] active = new boolean[val.students()];
      for (int s : gate.studentsToRun(g[i])) {
        active[s] = true;
        ran++;
        energy += studentEnergyPj[s];
      }
      energy += headEnergyPj + gateEnergyPj * (gate.order().length - 1);
      if (StudentOutputs.argMax(val.logits(i, active, headW, headB)) == val.labels()[i]) ok++;
    }
    int m = Math.max(1, val.size());
    return new Point("learned", gate.order().length, gate.threshold(), ok / (double) m, ran / (double) m, energy / m);
  }

  /**
   * @param studentEnergyPj mean energy of running each student once (pJ), from the runtime's accounting
   * @param headEnergyPj energy of one head evaluation (the cascade evaluates the head after each student)
   * @param policy fixed-k or cascade: the chosen point is the cheapest of that policy whose accuracy is within maxLoss of the full ensemble
   */
  public static Calibration calibrate(StudentOutputs val, float[] headW, float[] headB, double[] studentEnergyPj,
      double headEnergyPj, String policy, double maxLoss) {
    if (policy.equals("learned")) {
      throw new IllegalArgumentException("gate.policy 'learned' needs the runtime's gate features: use the overload with a GateFeatureSource");
    }
    checkPolicy(policy);
    int n = val.students();
    int[] order = greedyOrder(val, headW, headB);
    List<Point> points = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      boolean[] active = new boolean[n];
      double e = headEnergyPj;
      for (int i = 0; i < k; i++) {
        active[order[i]] = true;
        e += studentEnergyPj[order[i]];
      }
      points.add(new Point("fixed-k", k, null, val.accuracy(active, headW, headB), k, e));
    }
    for (double tau : THRESHOLDS) points.add(cascade(val, headW, headB, order, tau, studentEnergyPj, headEnergyPj));
    List<Point> pareto = paretoFront(points);
    double full = points.get(n - 1).accuracy();
    Point chosen = cheapestWithin(points, policy, full - maxLoss, points.get(n - 1));
    return new Calibration(order, points, pareto, chosen);
  }

  static int[] greedyOrder(StudentOutputs val, float[] headW, float[] headB) {
    int n = val.students();
    boolean[] active = new boolean[n];
    int[] order = new int[n];
    for (int pos = 0; pos < n; pos++) {
      int best = -1;
      double bestAcc = -1;
      for (int s = 0; s < n; s++) {
        if (active[s]) continue;
        active[s] = true;
        double acc = val.accuracy(active, headW, headB);
        active[s] = false;
        if (acc > bestAcc) {
          bestAcc = acc;
          best = s;
        }
      }
      order[pos] = best;
      active[best] = true;
    }
    return order;
  }

  /** Runs students in order, evaluating the head after each, until max probability >= tau. */
  public static Point cascade(StudentOutputs val, float[] headW, float[] headB, int[] order, double tau,
      double[] studentEnergyPj, double headEnergyPj) {
    int ok = 0;
    long ran = 0;
    double energy = 0;
    for (int i = 0; i < val.size(); i++) {
      boolean[] active = new boolean[val.students()];
      int predicted = -1;
      for (int pos = 0; pos < order.length; pos++) {
        active[order[pos]] = true;
        ran++;
        energy += studentEnergyPj[order[pos]] + headEnergyPj;
        double[] z = val.logits(i, active, headW, headB);
        predicted = StudentOutputs.argMax(z);
        if (StudentOutputs.softmax(z)[predicted] >= tau) break;
      }
      if (predicted == val.labels()[i]) ok++;
    }
    int m = Math.max(1, val.size());
    return new Point("cascade", order.length, tau, ok / (double) m, ran / (double) m, energy / m);
  }

  static List<Point> paretoFront(List<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(Point::meanEnergyPj).thenComparing(Comparator.comparingDouble(Point::accuracy).reversed()));
    List<Point> front = new ArrayList<>();
    double best = -1;
    for (Point p : sorted) {
      if (p.accuracy() > best) {
        front.add(p);
        best = p.accuracy();
      }
    }
    return front;
  }
}
