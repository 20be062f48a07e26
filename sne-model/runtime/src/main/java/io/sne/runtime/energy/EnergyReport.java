package io.sne.runtime.energy;

/**
 * The cost of one classification, counted exactly and priced by {@code profile}.
 *
 * @param inputEvents events that reached the model's input (after crop) in the window
 * @param spikesPerStudent spikes of every student (0 for those that did not run), indexed by student
 * @param spikesPerLayer spikes per layer per student ({@code [student][layer]}; pooling layers 0)
 * @param synapticOps accumulates triggered by input events and spikes: sum of count x exact fan-out
 * @param neuronUpdates leak + threshold of every neuron of every run student, every step
 * @param activeNeuronUpdates those updates whose neuron received synaptic input that step
 * @param macs multiply-accumulates: direct-encoder first layer, readout scaling, head, gate
 * @param energyPj the priced total
 * @param teacherEnergyPj the teacher's MACs x the profile's MAC cost, for the same input
 * @param energyRatio {@code energyPj / teacherEnergyPj} (0.05 = 20x less than the teacher; NaN without teacher)
 */
public record EnergyReport(
    String profile,
    long inputEvents,
    long[] spikesPerStudent,
    long[][] spikesPerLayer,
    long synapticOps,
    long neuronUpdates,
    long activeNeuronUpdates,
    long macs,
    double energyPj,
    double teacherEnergyPj,
    double energyRatio) {

  public long spikes() {
    long s = 0;
    for (long x : spikesPerStudent) {
      s += x;
    }
    return s;
  }
}
