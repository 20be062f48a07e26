package io.sne.runtime.ensemble;

import io.sne.runtime.snn.BlockOutput;
import io.sne.runtime.snn.StudentState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One stream's state within its current window, separate from the shared read-only weights: the
 * step index, the live students' potentials and readouts, the input counters and (for gates that
 * call students late) the window's binned input for replay. Snapshot to bytes and restore to
 * continue bit-identically (Flink checkpoints it).
 */
public final class StreamState {
  private static final int MAGIC = 0x534E4553; // "SNES"
  private static final int VERSION = 1;

  final String modelSha256;
  final StudentState[] live; // students run step by step, in gate order
  final WindowBuffer replay; // null when the gate never calls a student late
  int step;
  long inputEvents;
  long onEvents;
  long activeInputs;

  StreamState(String modelSha256, StudentState[] live, WindowBuffer replay) {
    this.modelSha256 = modelSha256;
    this.live = live;
    this.replay = replay;
  }

  /** Steps taken in the current window. */
  public int step() {
    return step;
  }

  public long inputEvents() {
    return inputEvents;
  }

  void reset() {
    for (StudentState s : live) {
      s.reset();
    }
    if (replay != null) {
      replay.clear();
    }
    step = 0;
    inputEvents = 0;
    onEvents = 0;
    activeInputs = 0;
  }

  /**
   * A deep copy that shares nothing mutable with this state: what a checkpoint's copy-on-write
   * needs, at the cost of array copies instead of a snapshot and a restore.
   */
  public StreamState copy() {
    StudentState[] students = new StudentState[live.length];
    for (int i = 0; i < live.length; i++) {
      students[i] = live[i].copy();
    }
    StreamState c = new StreamState(modelSha256, students, replay == null ? null : replay.copy());
    c.step = step;
    c.inputEvents = inputEvents;
    c.onEvents = onEvents;
    c.activeInputs = activeInputs;
    return c;
  }

  /** Float state held (potentials, readouts) plus the replay buffer's current entries, in bytes. */
  public long sizeBytes() {
    long n = 0;
    for (StudentState s : live) {
      n += s.stateBytes();
    }
    return n + (replay == null ? 0 : 12L * replay.entries() + 4L * replay.steps());
  }

  /** The state as bytes that {@link #restore} reads back. */
  public byte[] snapshot() {
    long size = snapshotSize();
    if (size > Integer.MAX_VALUE - 64) {
      throw new IllegalStateException("stream state of " + size + " bytes is too large to snapshot");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size);
    try {
      writeSnapshot(new DataOutputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Bytes {@link #snapshot()} returns and {@link #writeSnapshot} writes, known before writing (a length prefix). */
  public long snapshotSize() {
    long n = 4 + 4 + 2 + BlockOutput.utfLength(modelSha256) + 4 + 3 * 8 + 4;
    for (StudentState s : live) {
      n += s.snapshotBytes();
    }
    return n + 1 + (replay == null ? 0 : replay.snapshotBytes());
  }

  /**
   * Writes the {@link #snapshot()} bytes straight to {@code out}, with no copy of the state in between
   * (what a checkpoint does for every stream).
   *
   * @throws IllegalStateException if the bytes written differ from {@link #snapshotSize()}
   */
  public void writeSnapshot(DataOutput out) throws IOException {
    long expected = snapshotSize();
    long written;
    try (BlockOutput b = BlockOutput.to(out)) {
      b.putInt(MAGIC).putInt(VERSION).putUtf(modelSha256);
      b.putInt(step).putLong(inputEvents).putLong(onEvents).putLong(activeInputs);
      b.putInt(live.length);
      for (StudentState s : live) {
        s.writeTo(b);
      }
      b.putBoolean(replay != null);
      if (replay != null) {
        replay.write(b);
      }
      written = b.written();
    }
    if (written != expected) {
      throw new IllegalStateException("stream-state snapshot wrote " + written + " bytes, its size says " + expected);
    }
  }

  /**
   * Rebuilds a state from {@link #snapshot()} bytes for the same model.
   *
   * @throws IllegalArgumentException when the bytes are not a snapshot of this model's state
   */
  public static StreamState restore(byte[] snapshot, SneEnsemble ensemble) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot));
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not an SNE stream-state snapshot (bad magic)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException("stream-state snapshot version " + version + " is not supported");
      }
      String sha = in.readUTF();
      StreamState s = ensemble.newState();
      if (!sha.equals(s.modelSha256)) {
        throw new IllegalArgumentException("stream-state snapshot belongs to model " + abbreviate(sha)
            + ", not to the loaded model " + abbreviate(s.modelSha256));
      }
      s.step = in.readInt();
      s.inputEvents = in.readLong();
      s.onEvents = in.readLong();
      s.activeInputs = in.readLong();
      int n = in.readInt();
      if (n != s.live.length) {
        throw new IllegalArgumentException("stream-state snapshot has " + n + " live students, expected "
            + s.live.length);
      }
      for (StudentState st : s.live) {
        st.readFrom(in);
      }
      boolean hasReplay = in.readBoolean();
      if (hasReplay != (s.replay != null)) {
        throw new IllegalArgumentException("stream-state snapshot replay buffer does not match the model's gate");
      }
      if (hasReplay) {
        s.replay.read(in, ensemble.inputSize());
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("stream-state snapshot has " + in.available() + " trailing bytes");
      }
      return s;
    } catch (IOException e) {
      throw new IllegalArgumentException("stream-state snapshot is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
