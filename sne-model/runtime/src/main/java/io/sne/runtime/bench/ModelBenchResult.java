package io.sne.runtime.bench;

/**
 * What {@code sne bench model} measured, on one core of this machine.
 *
 * @param synopsPerSecond synaptic ops per second of the scatter kernel (conv 8->16 3x3, 20% of sources spiking)
 * @param ensembleSynopsPerSecond synaptic ops per second through the whole reference ensemble (leak included)
 * @param eventsPerSecond input events per second through binning + the reference ensemble (4 students)
 * @param eventsPerWindow events per window of that benchmark
 * @param peakEventsPerSecond the same with DAVIS346-peak windows (12 Mev/s x the window length)
 * @param peakEventsPerWindow events per window of that benchmark
 * @param inputDensity fraction of (step, input) cells active in that benchmark
 * @param hiddenFiringRate spikes per neuron per step of the students in that benchmark
 * @param denseSpeedupAt1pct event-driven vs dense reference, one student, 1% input density
 * @param denseSpeedupAt5pct the same at 5%
 * @param denseSpeedupAt20pct the same at 20%
 * @param loadAverage the machine's 1-minute load average when done (compare it with the core count)
 * @param identicalOutputs whether the event-driven and dense readouts were equal in every speed comparison
 */
public record ModelBenchResult(
    double synopsPerSecond,
    double ensembleSynopsPerSecond,
    double eventsPerSecond,
    int eventsPerWindow,
    double peakEventsPerSecond,
    int peakEventsPerWindow,
    double inputDensity,
    double hiddenFiringRate,
    double denseSpeedupAt1pct,
    double denseSpeedupAt5pct,
    double denseSpeedupAt20pct,
    boolean identicalOutputs,
    boolean quick,
    double loadAverage,
    String javaVersion,
    int availableProcessors) {}
