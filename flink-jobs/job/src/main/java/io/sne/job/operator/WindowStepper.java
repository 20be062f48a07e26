package io.sne.job.operator;

import io.sne.runtime.encode.EventFrameEncoder;
import io.sne.runtime.encode.StepInput;
import io.sne.runtime.ensemble.Decision;
import io.sne.runtime.ensemble.SneEnsemble;
import io.sne.runtime.ensemble.StreamState;
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
    StreamState state = progress.windowOpen ? live.state(ensemble) : null;
    while (true) {
      if (!progress.windowOpen) {
        if (i >= events.n) {
          break;
        }
        progress.windowIndex = Math.floorDiv(events.t[i], windowUs);
        progress.windowOpen = true;
        progress.windowLabel = null;
        state = ensemble.newState();
      }
      long stepEndUs = progress.windowIndex * windowUs + (state.step() + 1) * dtUs;
      if (stepEndUs - 1 > limitUs) {
        break;
      }
      for (; i < events.n && events.t[i] < stepEndUs; i++) {
        input.addEvent(encoder.inputIndex(events.x[i], events.y[i], events.p[i]));
        if (events.label[i] != null) {
          progress.windowLabel = events.label[i];
        }
      }
      ensemble.step(state, input);
      progress.computedUpToUs = stepEndUs;
      if (state.step() == steps) {
        finished.add(new Finished(progress.windowIndex, progress.windowLabel, ensemble.finishWindow(state)));
        progress.windowOpen = false;
        progress.windowLabel = null;
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

  /** Pending chunks merged into one time-ordered column set (chunks are sorted; order across them is not). */
  private static final class Merged {
    final long[] t;
    final int[] x;
    final int[] y;
    final byte[] p;
    final Integer[] label;
    final int n;

    private Merged(int n) {
      this.n = n;
      t = new long[n];
      x = new int[n];
      y = new int[n];
      p = new byte[n];
      label = new Integer[n];
    }

    static Merged of(Iterable<PendingEvents> chunks) {
      int n = 0;
      for (PendingEvents c : chunks) {
        n += c.size();
      }
      Merged m = new Merged(n);
      int at = 0;
      boolean sorted = true;
      for (PendingEvents c : chunks) {
        int k = c.size();
        if (k > 0 && at > 0 && c.timestampsUs[0] < m.t[at - 1]) {
          sorted = false;
        }
        System.arraycopy(c.timestampsUs, 0, m.t, at, k);
        System.arraycopy(c.xs, 0, m.x, at, k);
        System.arraycopy(c.ys, 0, m.y, at, k);
        System.arraycopy(c.polarities, 0, m.p, at, k);
        Arrays.fill(m.label, at, at + k, c.label);
        at += k;
      }
      return sorted ? m : m.sortedByTime();
    }

    /** Stable sort by timestamp: equal timestamps keep arrival order (a step's counts do not depend on it anyway). */
    private Merged sortedByTime() {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
      Merged s = new Merged(n);
      for (int i = 0; i < n; i++) {
        int j = order[i];
        s.t[i] = t[j];
        s.x[i] = x[j];
        s.y[i] = y[j];
        s.p[i] = p[j];
        s.label[i] = label[j];
      }
      return s;
    }

    /** Events {@code [from, n)} as chunks, one per run of equal labels (so each window keeps its ground truth). */
    List<PendingEvents> chunksFrom(int from) {
      List<PendingEvents> chunks = new ArrayList<>();
      int start = from;
      for (int i = from + 1; i <= n; i++) {
        if (i == n || !java.util.Objects.equals(label[i], label[start])) {
          chunks.add(new PendingEvents(Arrays.copyOfRange(t, start, i), Arrays.copyOfRange(x, start, i),
              Arrays.copyOfRange(y, start, i), Arrays.copyOfRange(p, start, i), label[start]));
          start = i;
        }
      }
      return chunks;
    }
  }
}
