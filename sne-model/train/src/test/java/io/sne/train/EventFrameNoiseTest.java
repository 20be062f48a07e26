package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sne.runtime.encode.EventFrameEncoder;
import io.sne.runtime.encode.EventWindow;
import io.sne.runtime.model.InputSpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventFrameNoiseTest {
  private static final int SIDE = 34;
  private static final int PLANE = SIDE * SIDE;
  private static final int STEPS = 6;
  private static final long DT_US = 50_000;
  private static final int ROW = STEPS * 2 * PLANE;
  private static final InputSpec SPEC = new InputSpec("events", 2, SIDE, SIDE, SIDE, SIDE, STEPS, DT_US, "count");

  /** The robustness curves' noise on an empty window, binned by the runtime's encoder: the reference. */
  private static float[] referenceFrames(String kind, double level, long seed) {
    EventWindow empty = new EventWindow(new long[0], new int[0], new int[0], new byte[0], 0, 0L);
    EventWindow w = Noise.events(kind, level, empty, SIDE, SIDE, STEPS * DT_US, seed);
    float[][] f = new EventFrameEncoder(SPEC).frames(w.tUs(), w.x(), w.y(), w.p(), w.n(), 0L);
    float[] row = new float[ROW];
    for (int t = 0; t < STEPS; t++) System.arraycopy(f[t], 0, row, t * 2 * PLANE, 2 * PLANE);
    return row;
  }

  private static float[] ours(EventFrameNoise.Kind kind, double level, long seed) {
    float[] row = new float[ROW];
    EventFrameNoise.corrupt(row, 0, STEPS, PLANE, DT_US, false, kind, level, new Random(seed));
    return row;
  }

  private static double sum(float[] f, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) s += f[i];
    return s;
  }

  private static int touchedPixels(float[] row) {
    boolean[] hit = new boolean[PLANE];
    for (int i = 0; i < ROW; i++) if (row[i] > 0) hit[i % PLANE] = true;
    int n = 0;
    for (boolean h : hit) n += h ? 1 : 0;
    return n;
  }

  @Test
  void backgroundActivityOnFramesMatchesTheRobustnessCurvesNoiseBinnedByTheRuntime() {
    int samples = 200;
    double ours = 0, reference = 0, oursOn = 0, oursFirstStep = 0, refFirstStep = 0;
    for (int s = 0; s < samples; s++) {
      long seed = s * 0x9E3779B97F4A7C15L; // spread: java.util.Random's first draws are correlated across adjacent seeds
      float[] a = ours(EventFrameNoise.Kind.BACKGROUND, 5, seed);
      float[] b = referenceFrames("background", 5, seed);
      ours += sum(a, 0, ROW);
      reference += sum(b, 0, ROW);
      for (int t = 0; t < STEPS; t++) oursOn += sum(a, (t * 2 + 1) * PLANE, (t * 2 + 2) * PLANE);
      oursFirstStep += sum(a, 0, 2 * PLANE);
      refFirstStep += sum(b, 0, 2 * PLANE);
    }
    double expected = 5 * PLANE * STEPS * DT_US / 1e6 * samples; // 5 Hz x 1,156 pixels x 0.3 s per sample
    assertThat(reference / expected).as("the reference adds 5 Hz per pixel").isCloseTo(1, within(0.02));
    assertThat(ours / expected).as("so do the frames").isCloseTo(1, within(0.02));
    assertThat(oursOn / ours).as("random polarity").isCloseTo(0.5, within(0.01));
    assertThat(oursFirstStep / ours).as("uniform over the steps").isCloseTo(1.0 / STEPS, within(0.01));
    assertThat(refFirstStep / reference).isCloseTo(1.0 / STEPS, within(0.01));
  }

  @Test
  void hotPixelsFireAtOneKilohertzOnAFewPixelsAsTheReferenceDoes() {
    float[] a = ours(EventFrameNoise.Kind.HOT_PIXELS, 0.01, 3);
    float[] b = referenceFrames("hot-pixels", 0.01, 3);
    int hot = (int) Math.round(0.01 * PLANE); // 12 pixels
    assertThat(sum(a, 0, ROW)).isEqualTo(sum(b, 0, ROW)).isEqualTo(Math.round(hot * 1000 * 0.3));
    assertThat(touchedPixels(a)).isBetween(hot - 3, hot); // drawn with replacement, as the reference
    assertThat(touchedPixels(b)).isBetween(hot - 3, hot);
    assertThat(ours(EventFrameNoise.Kind.HOT_PIXELS, 0.0001, 3)).as("under one pixel: none").containsOnly(0f);
  }

  @Test
  void dropThinsEveryCellBinomiallyAndNeverAdds() {
    float[] row = new float[ROW];
    Arrays.fill(row, 4f);
    float[] before = row.clone();
    EventFrameNoise.corrupt(row, 0, STEPS, PLANE, DT_US, false, EventFrameNoise.Kind.DROP, 0.25, new Random(1));
    for (int i = 0; i < ROW; i++) {
      assertThat(row[i]).isBetween(0f, before[i]);
      assertThat(row[i]).isEqualTo((float) Math.floor(row[i]));
    }
    assertThat(sum(row, 0, ROW) / sum(before, 0, ROW)).isCloseTo(0.75, within(0.01));
    EventFrameNoise.corrupt(row, 0, STEPS, PLANE, DT_US, false, EventFrameNoise.Kind.DROP, 1.0, new Random(1));
    assertThat(row).containsOnly(0f);
  }

  @Test
  void binaryFramesStayBinary() {
    float[] row = new float[ROW];
    EventFrameNoise.corrupt(row, 0, STEPS, PLANE, DT_US, true, EventFrameNoise.Kind.HOT_PIXELS, 0.02, new Random(2));
    EventFrameNoise.corrupt(row, 0, STEPS, PLANE, DT_US, true, EventFrameNoise.Kind.BACKGROUND, 20, new Random(2));
    assertThat(row).containsOnly(0f, 1f);
    assertThat(sum(row, 0, ROW)).isGreaterThan(100);
  }

  @Test
  void aboutTheGivenShareOfRowsIsCorruptedEachWithOneKindAndTheRestIsLeftAlone() {
    int n = 400;
    float[] frames = new float[n * ROW];
    for (int r = 0; r < n; r++) frames[r * ROW + 7] = 3f; // one cell of 3 events per row
    float[] before = frames.clone();
    new EventFrameNoise(0.5, 10, 0, 0.5).apply(frames, n, STEPS, SIDE, SIDE, DT_US, false, new Random(9));
    int changed = 0, gained = 0, lost = 0;
    for (int r = 0; r < n; r++) {
      double d = sum(frames, r * ROW, (r + 1) * ROW) - sum(before, r * ROW, (r + 1) * ROW);
      if (!Arrays.equals(frames, r * ROW, (r + 1) * ROW, before, r * ROW, (r + 1) * ROW)) changed++;
      if (d > 0) gained++;
      if (d < 0) lost++;
    }
    // a corrupted row may by chance be left as it was (a low level); so: at most half, and not much less
    assertThat(changed).isBetween(150, 230);
    assertThat(gained).as("background rows").isBetween(70, 130);
    assertThat(lost).as("drop rows (only the 3-event cell to drop)").isBetween(40, 130);
    assertThat(gained + lost).isEqualTo(changed);
  }

  @Test
  void theSameSeedGivesTheSameNoiseAndOffChangesNothing() {
    float[] a = new float[4 * ROW];
    float[] b = new float[4 * ROW];
    EventFrameNoise noise = new EventFrameNoise(1, 10, 0.02, 0.5);
    noise.apply(a, 4, STEPS, SIDE, SIDE, DT_US, false, new Random(4));
    noise.apply(b, 4, STEPS, SIDE, SIDE, DT_US, false, new Random(4));
    assertThat(a).containsExactly(b);
    float[] c = new float[4 * ROW];
    EventFrameNoise.NONE.apply(c, 4, STEPS, SIDE, SIDE, DT_US, false, new Random(4));
    assertThat(c).containsOnly(0f);
    assertThat(EventFrameNoise.NONE.isNone()).isTrue();
  }

  @Test
  void levelsOutsideTheirRangeAreRefusedByName() {
    assertThatThrownBy(() -> new EventFrameNoise(1.5, 10, 0, 0)).hasMessageContaining("probability");
    assertThatThrownBy(() -> new EventFrameNoise(0.5, -1, 0, 0)).hasMessageContaining("maxBackgroundHz");
    assertThatThrownBy(() -> new EventFrameNoise(0.5, 1, 2, 0)).hasMessageContaining("maxHotPixels");
    assertThatThrownBy(() -> new EventFrameNoise(0.5, 1, 0, Double.NaN)).hasMessageContaining("maxDrop");
    assertThatThrownBy(() -> new EventFrameNoise(0.5, 0, 0, 0)).hasMessageContaining("every maximum level is 0");
  }
}
