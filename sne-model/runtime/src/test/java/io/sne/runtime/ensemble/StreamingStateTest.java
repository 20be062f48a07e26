package io.sne.runtime.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.runtime.bench.RandomModels;
import io.sne.runtime.encode.EventFrameEncoder;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.encode.StepInput;
import io.sne.runtime.energy.EnergyProfile;
import io.sne.runtime.model.GateSpec;
import io.sne.runtime.model.SneModel;
import org.junit.jupiter.api.Test;

class StreamingStateTest {
  private static final EnergyProfile PROFILE = EnergyProfile.HOROWITZ45_FP32;

  /** Feeds steps [from, to) of the window into the stream state. */
  private static void feed(SneEnsemble e, StreamState s, EventWindow w, int from, int to) {
    EventFrameEncoder enc = e.encoder();
    StepInput in = e.newStepInput();
    for (int step = from; step < to; step++) {
      for (int i = 0; i < w.n(); i++) {
        if (enc.stepOf(w.tUs()[i], w.windowStartUs()) == step) {
          in.addEvent(enc.inputIndex(w.x()[i], w.y()[i], w.p()[i]));
        }
      }
      e.step(s, in);
    }
  }

  private static void assertSameDecision(Decision a, Decision b) {
    assertThat(a.studentsRun()).containsExactly(b.studentsRun());
    assertThat(a.probabilities()).containsExactly(b.probabilities());
    assertThat(a.features()).containsExactly(b.features());
    assertThat(a.energy().synapticOps()).isEqualTo(b.energy().synapticOps());
    assertThat(a.energy().spikesPerLayer()).isDeepEqualTo(b.energy().spikesPerLayer());
    assertThat(a.energy().macs()).isEqualTo(b.energy().macs());
    assertThat(a.energy().inputEvents()).isEqualTo(b.energy().inputEvents());
  }

  @Test
  void stepwiseStreamingDecidesExactlyLikeBatchForEveryGate() {
    for (GateSpec gate : new GateSpec[] {GateSpec.fixedK(new int[] {1, 0, 2}, 2), GatedModels.cascade(0.6)}) {
      SneEnsemble e = new SneEnsemble(GatedModels.with(gate), PROFILE);
      StreamState s = e.newState();
      for (long seed = 1; seed <= 5; seed++) {
        EventWindow w = RandomModels.events(seed, GatedModels.INPUT, 300, 0);
        feed(e, s, w, 0, GatedModels.INPUT.timeSteps());
        assertSameDecision(e.finishWindow(s), e.classify(w)); // the state also resets between windows
      }
    }
  }

  @Test
  void outOfOrderEventsAreBinnedLikeOrderedOnes() {
    SneEnsemble e = new SneEnsemble(GatedModels.with(GatedModels.cascade(0.7)), PROFILE);
    EventWindow w = RandomModels.events(21, GatedModels.INPUT, 400, 1_000);
    int n = w.n() + 2;
    long[] t = new long[n];
    int[] x = new int[n];
    int[] y = new int[n];
    byte[] p = new byte[n];
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < w.n(); i++) {
      int j = rnd.nextInt(i + 1); // inside-out shuffle
      t[i] = t[j]; x[i] = x[j]; y[i] = y[j]; p[i] = p[j];
      t[j] = w.tUs()[i]; x[j] = w.x()[i]; y[j] = w.y()[i]; p[j] = w.p()[i];
    }
    t[n - 2] = 999; // before the window
    t[n - 1] = 1_000 + GatedModels.INPUT.windowUs(); // just after it
    Decision shuffled = e.classify(new EventWindow(t, x, y, p, n, 1_000));
    assertSameDecision(shuffled, e.classify(w));
    assertThat(shuffled.energy().inputEvents()).isEqualTo(w.n());
  }

  @Test
  void restoredSnapshotContinuesBitIdentically() {
    SneEnsemble e = new SneEnsemble(GatedModels.with(GatedModels.cascade(0.99)), PROFILE);
    EventWindow w = RandomModels.events(11, GatedModels.INPUT, 500, 0);
    StreamState original = e.newState();
    feed(e, original, w, 0, 2);
    byte[] snapshot = original.snapshot();
    StreamState restored = StreamState.restore(snapshot, e);
    assertThat(restored.step()).isEqualTo(2);
    assertThat(restored.snapshot()).isEqualTo(snapshot);
    assertBothContinueAlike(e, w, original, restored, 2);
  }

  /** Feeds steps [from, 5) of the window into both states; they must end with the same bytes and decision. */
  private static void assertBothContinueAlike(SneEnsemble e, EventWindow w, StreamState a, StreamState b, int from) {
    feed(e, a, w, from, 5);
    feed(e, b, w, from, 5);
    assertThat(b.snapshot()).isEqualTo(a.snapshot());
    assertSameDecision(e.finishWindow(b), e.finishWindow(a));
  }

  @Test
  void copySharesNothingAndContinuesBitIdentically() {
    SneEnsemble e = new SneEnsemble(GatedModels.with(GatedModels.cascade(0.99)), PROFILE);
    EventWindow w = RandomModels.events(12, GatedModels.INPUT, 500, 0);
    StreamState original = e.newState();
    feed(e, original, w, 0, 3);
    byte[] before = original.snapshot();
    StreamState copy = original.copy();
    assertThat(copy.snapshot()).isEqualTo(before);
    feed(e, original.copy(), w, 3, 5); // stepping a copy must leave the original (a checkpoint's view) untouched
    assertThat(original.snapshot()).isEqualTo(before);
    assertBothContinueAlike(e, w, original, copy, 3);
  }

  @Test
  void snapshotSizeIsKnownBeforeWritingAndTheWrittenBytesRestore() throws java.io.IOException {
    // A gated model (its replay buffer spans several write blocks) and the reference model (222 KB of potentials).
    for (SneModel model : new SneModel[] {GatedModels.with(GatedModels.cascade(0.99)), RandomModels.reference(5)}) {
      SneEnsemble e = new SneEnsemble(model, PROFILE);
      EventWindow w = RandomModels.events(31, model.input(), 3000, 0);
      StreamState s = e.newState();
      assertThat(s.snapshotSize()).isEqualTo(s.snapshot().length);
      feed(e, s, w, 0, 3);
      java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
      streamed.write(new byte[] {1, 2, 3}); // written after other bytes, as into a checkpoint stream
      s.writeSnapshot(new java.io.DataOutputStream(streamed));
      byte[] bytes = java.util.Arrays.copyOfRange(streamed.toByteArray(), 3, streamed.size());
      assertThat((long) bytes.length).isEqualTo(s.snapshotSize());
      StreamState restored = StreamState.restore(bytes, e);
      assertThat(restored.snapshot()).isEqualTo(bytes);
      assertBothContinueAlike(e, w, s, restored, 3);
    }
  }

  @Test
  void replayBufferClaimingMoreEntriesThanTheBytesHoldIsRefused() {
    SneEnsemble e = new SneEnsemble(GatedModels.with(GatedModels.cascade(0.99)), PROFILE);
    StreamState s = e.newState();
    feed(e, s, RandomModels.events(13, GatedModels.INPUT, 500, 0), 0, 2);
    byte[] snapshot = s.snapshot();
    // The replay buffer ends the snapshot: steps, their ends, then 12 bytes per entry. Raise the last step end.
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(snapshot);
    int lastEndAt = snapshot.length - 12 * s.replay.entries() - 4;
    assertThat(b.getInt(lastEndAt)).isEqualTo(s.replay.entries());
    b.putInt(lastEndAt, 1 << 28);
    assertThatThrownBy(() -> StreamState.restore(snapshot, e)).hasMessageContaining("replay buffer claims");
  }

  @Test
  void snapshotOfAnotherModelIsRefused() {
    SneEnsemble a = new SneEnsemble(GatedModels.with(GatedModels.cascade(0.9)), PROFILE);
    SneEnsemble b = new SneEnsemble(RandomModels.reference(3), PROFILE);
    byte[] snapshot = a.newState().snapshot();
    assertThatThrownBy(() -> StreamState.restore(snapshot, b)).hasMessageContaining("belongs to model");
    assertThatThrownBy(() -> StreamState.restore(java.util.Arrays.copyOf(snapshot, 20), a))
        .hasMessageContaining("truncated or corrupt");
  }

  @Test
  void stepBeyondTheWindowIsRefused() {
    SneEnsemble e = new SneEnsemble(GatedModels.with(GatedModels.cascade(0.9)), PROFILE);
    StreamState s = e.newState();
    StepInput in = e.newStepInput();
    for (int t = 0; t < GatedModels.INPUT.timeSteps(); t++) {
      e.step(s, in);
    }
    assertThatThrownBy(() -> e.step(s, in)).hasMessageContaining("call finishWindow");
  }

  @Test
  void referenceModelStateIsItsMembranesAndReadouts() {
    SneModel ref = RandomModels.reference(5);
    StreamState s = new SneEnsemble(ref, PROFILE).newState();
    // Four live students (fixed-k, k = 4): 8x34x34 + 16x17x17 potentials + 16 readout sums, float32.
    assertThat(s.sizeBytes()).isEqualTo(4L * 4 * (8 * 34 * 34 + 16 * 17 * 17 + 16));
  }
}
