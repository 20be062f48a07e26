package io.sne.job.operator;

import static io.sne.job.ClassificationAssertions.assertSameDecision;
import static io.sne.job.ClassificationAssertions.normalised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.job.EventColumns;
import io.sne.job.TestModels;
import io.sne.job.input.StreamPacket;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.model.SneModel;
import io.sne.schemas.Classification;
import io.sne.schemas.DeadLetter;
import io.sne.schemas.EventPacket;
import io.sne.schemas.RejectReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SNE operator alone, in Flink's keyed operator test harness (real state backend and timers). */
class SneOperatorHarnessTest {
  private static final long SEED = 7;
  /** Must cover a packet's span plus the skew between streams (packets here span up to 33 ms). */
  private static final long OUT_OF_ORDERNESS_US = 50_000;
  private static final long IDLE_MS = 5_000;
  private static final long W = TestModels.WINDOW_US;

  private static ModelFile modelFile;
  private static SneEnsemble ensemble;
  private static SneModel model;

  @BeforeAll
  static void model() throws IOException {
    modelFile = TestModels.cascadeFile(SEED);
    model = modelFile.load();
    ensemble = SneEnsemble.of(model);
  }

  @Test
  void classificationsEqualTheBatchApiWindowByWindow() throws Exception {
    EventColumns events = EventColumns.random(1, 14, W, 120, TestModels.SENSOR, 4);
    List<Classification> out;
    try (var h = harness()) {
      feed(h, events.packets("cam", 7_000, false));
      h.processWatermark(Long.MAX_VALUE);
      out = h.extractOutputValues();
    }
    List<Long> windows = events.nonEmptyWindows(W);
    assertThat(windows).hasSizeLessThan(14); // some windows are empty and must be skipped
    assertThat(out).extracting(Classification::getWindowIndex).containsExactlyElementsOf(windows);
    Set<Integer> studentsRunCounts = new HashSet<>();
    for (Classification c : out) {
      Decision batch = ensemble.classify(events.window(c.getWindowIndex(), W));
      assertSameDecision(c, batch);
      assertThat(c.getTrueLabel()).isEqualTo((int) (c.getWindowIndex() % 5));
      assertThat(c.getWindowStartUs()).isEqualTo(c.getWindowIndex() * W);
      assertThat(c.getWindowEndUs()).isEqualTo((c.getWindowIndex() + 1) * W);
      assertThat(c.getModelId()).isEqualTo(Classifications.modelId(model));
      studentsRunCounts.add(c.getStudentsRun().size());
    }
    assertThat(studentsRunCounts).as("the cascade gate ran different numbers of students").hasSizeGreaterThan(1);
  }

  @Test
  void theSameEventsPacketisedDifferentlyAndInterleavedGiveIdenticalClassifications() throws Exception {
    EventColumns a = EventColumns.random(2, 10, W, 90, TestModels.SENSOR, 0);
    EventColumns b = EventColumns.random(3, 10, W, 60, TestModels.SENSOR, 3);
    List<Classification> alone;
    try (var h = harness()) {
      feed(h, a.packets("a", 2_000, false));
      h.processWatermark(Long.MAX_VALUE);
      alone = normalised(h.extractOutputValues());
    }
    List<Classification> interleaved;
    try (var h = harness()) {
      feed(h, interleave(a.packets("a", 33_000, false), b.packets("b", 5_000, false)));
      h.processWatermark(Long.MAX_VALUE);
      interleaved = normalised(h.extractOutputValues().stream().filter(c -> c.getStreamId().equals("a")).toList());
    }
    assertThat(alone).hasSize(10).isEqualTo(interleaved);
  }

  @Test
  void promisedSliceEndsCloseWindowsWithoutAWatermarkAndGiveTheWatermarksResults() throws Exception {
    EventColumns a = EventColumns.random(13, 8, W, 90, TestModels.SENSOR, 3);
    EventColumns b = EventColumns.random(14, 8, W, 60, TestModels.SENSOR, 0);
    List<Classification> byWatermark;
    try (var h = harness()) {
      feed(h, a.packets("a", 7_000, false));
      h.processWatermark(Long.MAX_VALUE);
      byWatermark = normalised(h.extractOutputValues());
    }
    List<Long> windows = a.nonEmptyWindows(W);
    assertThat(byWatermark).extracting(Classification::getWindowIndex).containsExactlyElementsOf(windows);
    for (long packetUs : new long[] {3_000, TestModels.DT_US, 25_000}) {
      try (var h = harness()) {
        // No watermark at all: only the streams' promises close their steps.
        for (StreamPacket p : interleave(a.packets("a", packetUs, false, true), b.packets("b", 11_000, false, true))) {
          h.processElement(p, p.lastTimestampUs());
        }
        List<Classification> out = h.extractOutputValues().stream().filter(c -> c.getStreamId().equals("a")).toList();
        // The last packet promises its span's end: every window ending by then is out.
        long promisedUs = a.packets("a", packetUs, false, true).stream().mapToLong(p -> p.sliceEndUs).max().orElseThrow();
        long closed = windows.stream().filter(w -> (w + 1) * W <= promisedUs).count();
        assertThat(closed).as("packets of %d us", packetUs).isGreaterThanOrEqualTo(windows.size() - 1);
        assertThat(normalised(out)).as("packets of %d us", packetUs).isEqualTo(byWatermark.subList(0, (int) closed));
        assertThat(h.getSideOutput(SneOperator.LATE_EVENTS)).as("nothing late").isNullOrEmpty();
      }
    }
  }

  @Test
  void aWatermarkRunningAheadOfAPromisingStreamMakesNothingLate() throws Exception {
    EventColumns a = EventColumns.random(16, 6, W, 80, TestModels.SENSOR, 0);
    List<StreamPacket> packets = a.packets("a", 7_000, false, true);
    int half = packets.size() / 2;
    try (var h = harness()) {
      for (StreamPacket p : packets.subList(0, half)) {
        h.processElement(p, p.lastTimestampUs());
      }
      // Another partition's watermark, past all of this stream's events (an idle source under backpressure).
      h.processWatermark(6 * W);
      for (StreamPacket p : packets.subList(half, packets.size())) {
        h.processElement(p, p.lastTimestampUs());
      }
      assertThat(h.getSideOutput(SneOperator.LATE_EVENTS)).as("nothing late").isNullOrEmpty();
      long promisedUs = packets.get(packets.size() - 1).sliceEndUs;
      List<Long> closed = a.nonEmptyWindows(W).stream().filter(w -> (w + 1) * W <= promisedUs).toList();
      assertThat(closed).hasSizeGreaterThanOrEqualTo(5);
      List<Classification> out = h.extractOutputValues();
      assertThat(out).extracting(Classification::getWindowIndex).containsExactlyElementsOf(closed);
      for (Classification c : out) {
        assertSameDecision(c, ensemble.classify(a.window(c.getWindowIndex(), W)));
      }
    }
  }

  @Test
  void anEventBelowTheStreamsPromiseIsLateEvenBeforeItsStepRan() throws Exception {
    EventColumns a = EventColumns.random(15, 1, W, 100, TestModels.SENSOR, 0);
    StreamPacket first = slice(a, 0, 50);
    long promisedUs = a.t()[50]; // what a packetiser cutting before event 50 promises
    first.sliceEndUs = promisedUs;
    try (var h = harness()) {
      h.processElement(first, first.lastTimestampUs());
      // A broken promise: events 40..49 come again, below the promised time.
      StreamPacket second = slice(a, 40, 100);
      second.sequence = 1;
      h.processElement(second, second.lastTimestampUs());
      h.processWatermark(Long.MAX_VALUE);

      int late = (int) Arrays.stream(second.timestampsUs).filter(t -> t < promisedUs).count();
      assertThat(late).as("events 40..49 (this seed gives them times below event 50's)").isEqualTo(10);
      List<DeadLetter> dead = h.getSideOutput(SneOperator.LATE_EVENTS).stream().map(StreamRecord::getValue).toList();
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).getReason()).isEqualTo(RejectReason.LATE_EVENT);
      assertThat(dead.get(0).getMessage()).contains(late + " of 60 events", "promised", promisedUs + " us");
      assertThat(EventPacket.getDecoder().decode(dead.get(0).getOriginalValue()).getTimestampsUs())
          .hasSize(late).allMatch(t -> t < promisedUs);
      List<Classification> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      // The window saw each event once: events 0..49, then the on-time 50..99.
      assertSameDecision(out.get(0), ensemble.classify(a.window(0, W)));
    }
  }

  @Test
  void anIdleStreamIsFlushedThenLeavesNoStateOrTimers() throws Exception {
    EventColumns a = EventColumns.random(4, 3, W, 50, TestModels.SENSOR, 0);
    EventColumns b = EventColumns.random(5, 3, W, 50, TestModels.SENSOR, 0);
    try (var h = harness()) {
      h.setProcessingTime(1_000);
      feed(h, interleave(a.packets("a", 10_000, false), b.packets("b", 10_000, false)));
      // The watermark trails: the last windows are still open, their events pending.
      assertThat(h.numKeyedStateEntries()).isPositive();
      assertThat(h.numEventTimeTimers()).isEqualTo(2);
      assertThat(h.numProcessingTimeTimers()).isEqualTo(2);
      int before = h.extractOutputValues().size();

      h.setProcessingTime(1_000 + IDLE_MS);

      List<Classification> out = h.extractOutputValues();
      assertThat(out).hasSize(6);
      assertThat(out.subList(before, out.size())).extracting(Classification::getStreamId).contains("a", "b");
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
      // The flushed last window is what the batch API says for it.
      Classification lastOfA = out.stream().filter(c -> c.getStreamId().equals("a")).reduce((x, y) -> y).orElseThrow();
      assertSameDecision(lastOfA, ensemble.classify(a.window(2, W)));
    }
  }

  @Test
  void aStreamStillSendingIsNotEvicted() throws Exception {
    EventColumns a = EventColumns.random(6, 4, W, 40, TestModels.SENSOR, 0);
    List<StreamPacket> packets = a.packets("a", 10_000, false);
    try (var h = harness()) {
      long now = 0;
      for (StreamPacket p : packets) {
        now += IDLE_MS / 2;
        h.setProcessingTime(now);
        h.processElement(p, p.lastTimestampUs());
      }
      assertThat(h.extractOutputValues()).isEmpty(); // no watermark yet, nothing flushed early
      assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
    }
  }

  @Test
  void endOfStreamFlushesAndEvicts() throws Exception {
    EventColumns a = EventColumns.random(8, 3, W, 40, TestModels.SENSOR, 0);
    try (var h = harness()) {
      feed(h, a.packets("a", 10_000, true));
      assertThat(h.extractOutputValues()).hasSize(3);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers() + h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void lateEventsBecomeDeadLettersAndTheRestOfThePacketIsUsed() throws Exception {
    EventColumns a = EventColumns.random(9, 1, W, 100, TestModels.SENSOR, 0);
    StreamPacket first = slice(a, 0, 50);
    try (var h = harness()) {
      h.processElement(first, first.lastTimestampUs());
      long computedUpTo = 3 * TestModels.DT_US;
      h.processWatermark(computedUpTo - 1); // steps 0..2 computed
      // Events 40..99 arrive together: those before 30 ms are late, the others still count.
      StreamPacket second = slice(a, 40, 100);
      second.sequence = 1;
      h.processElement(second, second.lastTimestampUs());
      h.processWatermark(Long.MAX_VALUE);

      int late = 0;
      while (late < second.size() && second.timestampsUs[late] < computedUpTo) {
        late++;
      }
      assertThat(late).isBetween(1, second.size() - 1);
      List<DeadLetter> dead = h.getSideOutput(SneOperator.LATE_EVENTS).stream().map(StreamRecord::getValue).toList();
      assertThat(dead).hasSize(1);
      DeadLetter d = dead.get(0);
      assertThat(d.getReason()).isEqualTo(RejectReason.LATE_EVENT);
      assertThat(d.getStreamId()).isEqualTo("a");
      EventPacket lateEvents = EventPacket.getDecoder().decode(d.getOriginalValue());
      assertThat(lateEvents.getTimestampsUs()).hasSize(late).allMatch(t -> t < computedUpTo);
      assertThat(d.getMessage()).contains(late + " of 60 events", "up to " + computedUpTo + " us");

      // The window saw events 0..49 plus the on-time part of 40..99 (the duplicates 40..49 included).
      List<Classification> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).getEnergy().getInputEvents()).isLessThanOrEqualTo(50L + 60 - late);
      assertThat(out.get(0).getEnergy().getInputEvents()).isGreaterThan(0L);
    }
  }

  @Test
  void aSnapshotTakenMidWindowRestoresToTheSameResults() throws Exception {
    EventColumns a = EventColumns.random(10, 6, W, 80, TestModels.SENSOR, 0);
    EventColumns b = EventColumns.random(11, 6, W, 50, TestModels.SENSOR, 0);
    List<StreamPacket> packets = interleave(a.packets("a", 4_000, false), b.packets("b", 9_000, false));
    List<Classification> uninterrupted = uninterrupted(packets);
    int cut = packets.size() / 2 + 1;
    List<Classification> resumed = new ArrayList<>();
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      feed(h, packets.subList(0, cut));
      resumed.addAll(h.extractOutputValues());
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness(snapshot)) {
      feed(h, packets.subList(cut, packets.size()));
      h.processWatermark(Long.MAX_VALUE);
      resumed.addAll(h.extractOutputValues());
    }
    assertThat(resumed).hasSizeGreaterThan(0);
    assertThat(normalised(resumed)).isEqualTo(uninterrupted);
  }

  @Test
  void aRestoreSlowerThanTheIdleTimeoutDoesNotFlushWindowsStillReceivingEvents() throws Exception {
    EventColumns a = EventColumns.random(12, 6, W, 80, TestModels.SENSOR, 0);
    List<StreamPacket> packets = a.packets("a", 4_000, false);
    List<Classification> uninterrupted = uninterrupted(packets);
    int cut = packets.size() / 2 + 1;
    List<Classification> resumed = new ArrayList<>();
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.setProcessingTime(1_000);
      feed(h, packets.subList(0, cut));
      resumed.addAll(h.extractOutputValues());
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness(snapshot)) {
      // The recovery took three idle timeouts: the restored idle timer is long overdue.
      h.setProcessingTime(1_000 + 3 * IDLE_MS);
      assertThat(h.extractOutputValues()).as("nothing flushed by the overdue idle timer").isEmpty();
      feed(h, packets.subList(cut, packets.size()));
      h.processWatermark(Long.MAX_VALUE);
      resumed.addAll(h.extractOutputValues());
    }
    assertThat(normalised(resumed)).isEqualTo(uninterrupted);
  }

  @Test
  void aBadModelFileIsRefusedWithItsNameAndTheProblem(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.safetensors");
    model.save(good);
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = dir.resolve("truncated.safetensors");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));
    Path tampered = dir.resolve("tampered.safetensors");
    byte[] flipped = bytes.clone();
    flipped[flipped.length - 1] ^= 1;
    Files.write(tampered, flipped);

    assertThat(ModelFile.read(good).load().sha256()).isEqualTo(model.sha256());
    assertThatThrownBy(() -> ModelFile.read(truncated)).isInstanceOf(IOException.class)
        .hasMessageContaining("truncated.safetensors").hasMessageContaining("truncated");
    assertThatThrownBy(() -> ModelFile.read(tampered)).isInstanceOf(IOException.class)
        .hasMessageContaining("tampered.safetensors");
  }

  // ------------------------------------------------------------------ helpers

  private static KeyedOneInputStreamOperatorTestHarness<String, StreamPacket, Classification> harness() throws Exception {
    return harness(null);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, StreamPacket, Classification> harness(
      OperatorSubtaskState restore) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<String, StreamPacket, Classification>(
        new KeyedProcessOperator<>(new SneOperator(modelFile, IDLE_MS)), p -> p.streamId, Types.STRING);
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  /** Packets in order; after each, the watermark a bounded-out-of-orderness source would emit. */
  private static void feed(KeyedOneInputStreamOperatorTestHarness<String, StreamPacket, Classification> h,
      List<StreamPacket> packets) throws Exception {
    long max = Long.MIN_VALUE;
    for (StreamPacket p : packets) {
      h.processElement(p, p.lastTimestampUs());
      max = Math.max(max, p.lastTimestampUs());
      h.processWatermark(max - OUT_OF_ORDERNESS_US - 1);
    }
  }

  /** Merges two streams' packets by their last timestamp, as a shared partition would carry them. */
  private static List<StreamPacket> interleave(List<StreamPacket> a, List<StreamPacket> b) {
    List<StreamPacket> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort(Comparator.comparingLong(StreamPacket::lastTimestampUs));
    return all;
  }

  private static StreamPacket slice(EventColumns c, int from, int to) {
    StreamPacket p = c.packets("a", Long.MAX_VALUE / 4, false).get(0);
    p.timestampsUs = Arrays.copyOfRange(p.timestampsUs, from, to);
    p.xs = Arrays.copyOfRange(p.xs, from, to);
    p.ys = Arrays.copyOfRange(p.ys, from, to);
    p.polarities = Arrays.copyOfRange(p.polarities, from, to);
    return p;
  }

  /** The normalised output of one harness fed every packet, then the final watermark. */
  private static List<Classification> uninterrupted(List<StreamPacket> packets) throws Exception {
    try (var h = harness()) {
      feed(h, packets);
      h.processWatermark(Long.MAX_VALUE);
      return normalised(h.extractOutputValues());
    }
  }
}
