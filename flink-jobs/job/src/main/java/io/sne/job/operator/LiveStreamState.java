package io.sne.job.operator;

import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.ensemble.StreamState;

/**
 * The runtime's per-stream SNN state (membrane potentials, readouts, replay buffer) as kept in
 * Flink value state: the live object while the stream runs, its {@link StreamState#snapshot()}
 * bytes once Flink has serialised it (checkpoint, RocksDB, restore). Keeping the object avoids a
 * snapshot per time step on the heap backend; {@link LiveStreamStateSerializer} snapshots only when
 * Flink actually serialises.
 */
public final class LiveStreamState {
  StreamState live;
  byte[] snapshot;

  LiveStreamState(StreamState live, byte[] snapshot) {
    this.live = live;
    this.snapshot = snapshot;
  }

  static LiveStreamState of(StreamState live) {
    return new LiveStreamState(live, null);
  }

  /** The live state, restored from the snapshot bytes on first use after deserialisation. */
  StreamState state(SneEnsemble ensemble) {
    if (live == null) {
      live = StreamState.restore(snapshot, ensemble);
      snapshot = null;
    }
    return live;
  }
}
