package io.sne.train;

import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.energy.EnergyReport;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.SneEnsemble;
import java.util.function.IntFunction;

/**
 * Runs a model through the runtime (the deployed code path) over test inputs and averages its
 * exact counts: accuracy, students run, synaptic ops, MACs, neuron updates, spikes, energy.
 */
public final class Evaluator {
  /** One configuration's means over the test inputs. energyRatio = energyPj / teacherEnergyPj (0.05 = 20x less). */
  public record Row(String configuration, String partition, int samples, double accuracy, double activeStudents, double synapticOps,
      double macs, double neuronUpdates, double spikes, double energyPj, double teacherEnergyPj, double energyRatio) {}

  private Evaluator() {}

  /** students == null: the model's own gate decides; otherwise exactly these students run. */
  public static Row run(String name, SneEnsemble ens, EvalInputs in, int[] students, String partition,
      IntFunction<EventWindow> windowOf, IntFunction<float[]> imageOf) {
    int n = in.size();
    int ok = 0;
    double active = 0, sops = 0, macs = 0, updates = 0, spikes = 0, energy = 0, teacher = 0;
    try (var bar = Progress.bar("eval " + name, n)) {
      for (int i = 0; i < n; i++) {
        Decision d;
        if (ens.model().input().events()) {
          EventWindow w = windowOf.apply(i);
          d = students == null ? ens.classify(w) : ens.classifyWithStudents(w, students);
        } else {
          float[] img = imageOf.apply(i);
          d = students == null ? ens.classify(img) : ens.classifyWithStudents(img, students);
        }
        if (d.predictedClass() == in.labels()[i]) ok++;
        EnergyReport e = d.energy();
        active += d.studentsRun().length;
        sops += e.synapticOps();
        macs += e.macs();
        updates += e.neuronUpdates();
        spikes += e.spikes();
        energy += e.energyPj();
        teacher += e.teacherEnergyPj();
        bar.step();
      }
    }
    double m = Math.max(1, n);
    return new Row(name, partition, n, ok / m, active / m, sops / m, macs / m, updates / m, spikes / m, energy / m, teacher / m,
        energy / Math.max(1e-12, teacher));
  }
}
