package io.sne.train;

import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.SneModel;
import java.io.IOException;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;

/**
 * The learned gate's input statistics, computed by the runtime itself on an exported model
 * ({@link SneEnsemble#gateFeatures}): the gate is fitted on exactly the numbers it will see when
 * deployed, whatever the encoding.
 */
final class RuntimeGateFeatures {
  private RuntimeGateFeatures() {}

  /** g of every input row, with firstStudent as the student that always runs. */
  static float[][] of(Path model, StudentInputs inputs, int firstStudent) throws IOException {
    SneEnsemble ensemble = SneEnsemble.of(SneModel.load(model));
    float[][] g = new float[inputs.size()][];
    try (ProgressBar bar = Progress.bar("gate features", inputs.size())) {
      for (int i = 0; i < inputs.size(); i++) {
        g[i] = ensemble.gateFeatures(RuntimeInputs.runStudents(ensemble, inputs, i), firstStudent);
        bar.step();
      }
    }
    return g;
  }
}
