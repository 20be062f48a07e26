package io.sne.runtime.ensemble;

import io.sne.runtime.snn.StudentState;

/**
 * What one student produced over one window and what it cost: its slice prediction and its
 * operation counts (readout scaling included, head not).
 */
public record StudentRun(
    float[] output,
    long[] spikesPerLayer,
    long synapticOps,
    long macs,
    long neuronUpdates,
    long activeNeuronUpdates) {

  static StudentRun of(StudentState st, float[] output) {
    return new StudentRun(output.clone(), st.spikesPerLayer(), st.synapticOps(), st.macs(), st.neuronUpdates(),
        st.activeNeuronUpdates());
  }

  public long spikes() {
    long s = 0;
    for (long x : spikesPerLayer) {
      s += x;
    }
    return s;
  }
}
