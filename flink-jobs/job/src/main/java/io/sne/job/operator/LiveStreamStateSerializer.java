package io.sne.job.operator;

import io.sne.runtime.ensemble.StreamState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serialises a {@link LiveStreamState} as its runtime snapshot bytes (length-prefixed). */
public final class LiveStreamStateSerializer extends TypeSerializerSingleton<LiveStreamState> {
  public static final LiveStreamStateSerializer INSTANCE = new LiveStreamStateSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public LiveStreamState createInstance() {
    return new LiveStreamState(null, new byte[0]);
  }

  /**
   * A deep copy that never shares mutable potentials with the original. The heap backend copies a
   * stream's state on its first access after each checkpoint (copy-on-write): a live state is copied
   * array by array, which costs far less than a snapshot now and a restore on the next step.
   */
  @Override
  public LiveStreamState copy(LiveStreamState from) {
    StreamState live = from.live;
    return live != null ? LiveStreamState.of(live.copy()) : new LiveStreamState(null, from.snapshot.clone());
  }

  @Override
  public LiveStreamState copy(LiveStreamState from, LiveStreamState reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(LiveStreamState record, DataOutputView target) throws IOException {
    StreamState live = record.live;
    if (live != null) {
      // Straight into the checkpoint stream: snapshot bytes first would be two copies of every stream's state.
      target.writeInt(Math.toIntExact(live.snapshotSize()));
      live.writeSnapshot(target);
    } else {
      target.writeInt(record.snapshot.length);
      target.write(record.snapshot);
    }
  }

  @Override
  public LiveStreamState deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return new LiveStreamState(null, bytes);
  }

  @Override
  public LiveStreamState deserialize(LiveStreamState reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public TypeSerializerSnapshot<LiveStreamState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Stateless serializer: restoring needs nothing but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<LiveStreamState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
