package io.sne.job.operator;

import io.sne.runtime.encode.EventFrameEncoder;
import io.sne.runtime.encode.StepInput;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.ensemble.StreamState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drives one stream's SNN through event time, without Flink types: bins pending events into steps
 * of {@code dtUs}, runs every step that has ended by a limit time (the watermark), and finishes
 * windows of T steps. Windows are aligned to multiples of {@code T*dtUs} on the stream clock and
 * start from a fresh state, exactly as the runtime's batch {@code classify} sees a window; windows
 * without any event are skipped. The results depend only on the events, never on how they were
 * packetised or when they arrived.
 */
public final class WindowStepper {
  private final SneEnsemble ensemble;
  private final EventFrameEncoder encoder;
  private final long dtUs;
  private final int steps;
  private final long windowUs;
  private final StepInput input;
  /**
   * States of finished windows, reset and ready for a next one: a window's state (membranes, replay
   * buffer) is tens of KB, and allocating one per window per stream was a large share of the job's
   * garbage. Only states no Flink state refers to any more come here (see {@link #advance}).
   */
  private final ArrayDeque<StreamState> spare = new ArrayDeque<>();
  private static final int SPARE_LIMIT = 64;

  /** A finished window: its index and ground truth (null when unlabelled), and the decision. */
  public record Finished(long windowIndex, Integer label, Decision decision) {}

  /**
   * What {@link #advance} leaves: the windows it finished (time order), the state of the window in
   * progress (null when none is open) and the events still waiting, in time order.
   */
  public record Result(List<Finished> finished, LiveStreamState live, List<PendingEvents> remaining) {}

  public WindowStepper(SneEnsemble ensemble) {
    this.ensemble = ensemble;
    this.encoder = ensemble.encoder();
    if (encoder == null) {
      throw new IllegalArgumentException("model '" + ensemble.model().name()
          + "' takes images (direct encoding); the streaming job needs an events model");
    }
    this.dtUs = encoder.spec().dtUs();
    this.steps = encoder.spec().timeSteps();
    this.windowUs = encoder.spec().windowUs();
    this.input = ensemble.newStepInput();
  }

  public long windowUs() {
    return windowUs;
  }

  /**
   * Runs all steps ending at or before {@code limitUs} (a step {@code [s, s+dt)} is complete once
   * the watermark reaches {@code s+dt-1}); {@code Long.MAX_VALUE} flushes everything. Consumed
   * events are used up; {@code progress} is updated.
   *
   * @param live the state of the window in progress (used when {@code progress.windowOpen})
   */
  public Result advance(StreamProgress progress, LiveStreamState live, Iterable<PendingEvents> pending, long limitUs) {
    Merged events = Merged.of(pending);
    List<Finished> finished = new ArrayList<>();
    int i = 0;
    int run = 0; // label run of event i
    StreamState state = progress.windowOpen ? live.state(ensemble) : null;
    while (true) {
      if (!progress.windowOpen) {
        if (i >= events.n) {
          break;
        }
        progress.windowIndex = Math.floorDiv(events.t[i], windowUs);
        progress.windowOpen = true;
        progress.windowLabel = null;
        state = spare.isEmpty() ? ensemble.newState() : spare.pop();
      }
      long stepEndUs = progress.windowIndex * windowUs + (state.step() + 1) * dtUs;
      if (stepEndUs - 1 > limitUs) {
        break;
      }
      for (; i < events.n && events.t[i] < stepEndUs; i++) {
        input.addEvent(encoder.inputIndex(events.x[i], events.y[i], events.p[i]));
        run = events.runOf(i, run);
        if (events.runLabel[run] != null) {
          progress.windowLabel = events.runLabel[run];
        }
      }
      ensemble.step(state, input);
      progress.computedUpToUs = stepEndUs;
      if (state.step() == steps) {
        finished.add(new Finished(progress.windowIndex, progress.windowLabel, ensemble.finishWindow(state)));
        progress.windowOpen = false;
        progress.windowLabel = null;
        // finishWindow reset it. The caller drops its Flink value (the window is closed), and with the heap
        // backend a checkpoint in progress holds its own copy (copy-on-write), never this object.
        if (spare.size() < SPARE_LIMIT) {
          spare.push(state);
        }
        state = null;
      }
    }
    return new Result(finished, state == null ? null : LiveStreamState.of(state), events.chunksFrom(i));
  }

  /** The event time at which the stream's next step completes (a timer's time), or NONE when nothing waits. */
  public long nextStepEndUs(StreamProgress progress, LiveStreamState live, Iterable<PendingEvents> pending) {
    if (progress.windowOpen) {
      return progress.windowIndex * windowUs + (live.state(ensemble).step() + 1) * dtUs;
    }
    long first = Long.MAX_VALUE;
    for (PendingEvents p : pending) {
      if (p.size() > 0) {
        first = Math.min(first, p.timestampsUs[0]);
      }
    }
    return first == Long.MAX_VALUE ? StreamProgress.NONE : (Math.floorDiv(first, dtUs) + 1) * dtUs;
  }

  /**
   * Pending chunks as one time-ordered column set. A single chunk (the usual case: one packet,
   * processed as it arrives) is used in place; several are concatenated, and sorted only when they
   * overlap in time. Ground-truth labels are kept per run of events, not per event.
   */
  private static final class Merged {
    final long[] t;
    final int[] x;
    final int[] y;
    final byte[] p;
    final int n;
    private final int[] runEnd; // exclusive end index of each label run, ascending
    private final Integer[] runLabel;
    private final PendingEvents whole; // the single chunk these columns are, or null

    private Merged(long[] t, int[] x, int[] y, byte[] p, int[] runEnd, Integer[] runLabel, PendingEvents whole) {
      this.t = t;
      this.x = x;
      this.y = y;
      this.p = p;
      this.n = t.length;
      this.runEnd = runEnd;
      this.runLabel = runLabel;
      this.whole = whole;
    }

    static Merged of(Iterable<PendingEvents> chunks) {
      int n = 0;
      int count = 0;
      PendingEvents only = null;
      for (PendingEvents c : chunks) {
        n += c.size();
        count++;
        only = c;
      }
      if (count == 1) {
        return new Merged(only.timestampsUs, only.xs, only.ys, only.polarities, new int[] {n},
            new Integer[] {only.label}, only);
      }
      long[] t = new long[n];
      int[] x = new int[n];
      int[] y = new int[n];
      byte[] p = new byte[n];
      int[] runEnd = new int[count];
      Integer[] runLabel = new Integer[count];
      int at = 0;
      int run = 0;
      boolean sorted = true;
      for (PendingEvents c : chunks) {
        int k = c.size();
        if (k > 0 && at > 0 && c.timestampsUs[0] < t[at - 1]) {
          sorted = false;
        }
        System.arraycopy(c.timestampsUs, 0, t, at, k);
        System.arraycopy(c.xs, 0, x, at, k);
        System.arraycopy(c.ys, 0, y, at, k);
        System.arraycopy(c.polarities, 0, p, at, k);
        at += k;
        runEnd[run] = at;
        runLabel[run++] = c.label;
      }
      Merged m = new Merged(t, x, y, p, runEnd, runLabel, null);
      return sorted ? m : m.sortedByTime();
    }

    /** The ground truth of event {@code i} (null when unlabelled); {@code run} is where to start looking (runs ascend). */
    int runOf(int i, int run) {
      while (runEnd[run] <= i) {
        run++;
      }
      return run;
    }

    /** Stable sort by timestamp: equal timestamps keep arrival order (a step's counts do not depend on it anyway). */
    private Merged sortedByTime() {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
      long[] st = new long[n];
      int[] sx = new int[n];
      int[] sy = new int[n];
      byte[] sp = new byte[n];
      List<Integer> ends = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int j = order[i];
        st[i] = t[j];
        sx[i] = x[j];
        sy[i] = y[j];
        sp[i] = p[j];
        Integer l = runLabel[runOf(j, 0)];
        if (labels.isEmpty() || !java.util.Objects.equals(labels.get(labels.size() - 1), l)) {
          labels.add(l);
          ends.add(i + 1);
        } else {
          ends.set(ends.size() - 1, i + 1);
        }
      }
      int[] runEnds = ends.stream().mapToInt(Integer::intValue).toArray();
      return new Merged(st, sx, sy, sp, runEnds, labels.toArray(new Integer[0]), null);
    }

    /** Events {@code [from, n)} as chunks, one per run of equal labels (so each window keeps its ground truth). */
    List<PendingEvents> chunksFrom(int from) {
      if (from >= n) {
        return List.of();
      }
      if (from == 0 && whole != null) {
        return List.of(whole);
      }
      List<PendingEvents> chunks = new ArrayList<>();
      int start = from;
      for (int r = runOf(from, 0); start < n; r++) {
        Integer label = runLabel[r];
        while (r + 1 < runEnd.length && java.util.Objects.equals(runLabel[r + 1], label)) {
          r++;
        }
        int end = runEnd[r];
        chunks.add(new PendingEvents(Arrays.copyOfRange(t, start, end), Arrays.copyOfRange(x, start, end),
            Arrays.copyOfRange(y, start, end), Arrays.copyOfRange(p, start, end), label));
        start = end;
      }
      return chunks;
    }
  }
}
