package io.sne.train;

import java.io.IOException;
import java.nio.file.Path;

/** Prices students and the head the way the runtime does (exact counts x device profile). */
public interface EnergyMeter {
  /** Mean energy (pJ) of running each student of the model once over the inputs. */
  double[] studentMeanEnergyPj(Path model, StudentInputs inputs) throws IOException;

  /** Energy of one head evaluation (pJ). */
  double headEnergyPj(Path model) throws IOException;

  /** Energy of a dense ANN of the given MACs (pJ). */
  double annEnergyPj(long macs);
}
