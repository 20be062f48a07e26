package io.sne.train;

import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.SneModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Energy from the runtime itself: each student is run alone by SneEnsemble over the inputs and
 * its exact counts are priced by the profile; the head's MACs are priced separately, so
 * calibration can add them per head evaluation (a cascade evaluates the head after every student).
 */
public final class RuntimeEnergyMeter implements EnergyMeter {
  private final EnergyProfile profile;
  private final int limit;

  /** @param limit price students on at most this many inputs (the mean converges fast) */
  public RuntimeEnergyMeter(EnergyProfile profile, int limit) {
    this.profile = profile;
    this.limit = limit;
  }

  @Override
  public double[] studentMeanEnergyPj(Path model, StudentInputs inputs) throws IOException {
    SneEnsemble ensemble = new SneEnsemble(SneModel.load(model), profile);
    double head = headEnergyPj(model);
    int n = Math.min(limit, inputs.size());
    double[] sum = new double[ensemble.studentCount()];
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < sum.length; s++) {
        sum[s] += RuntimeInputs.classify(ensemble, inputs, i, new int[] {s}).energy().energyPj() - head;
      }
    }
    for (int s = 0; s < sum.length; s++) sum[s] /= Math.max(1, n);
    return sum;
  }

  @Override
  public double headEnergyPj(Path model) throws IOException {
    SneModel m = SneModel.load(model);
    long classes = m.labels().size();
    long dim = m.manifest().partition().featureDim();
    return classes * dim * profile.macPj();
  }

  @Override
  public double annEnergyPj(long macs) {
    return macs * profile.macPj();
  }
}
