package io.sne.events.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import org.junit.jupiter.api.Test;

class DvsEmulatorTest {
  private static final int SIDE = 28;

  /** A bright disc on black: a shape with edges in every direction. */
  static float[] disc() {
    float[] image = new float[SIDE * SIDE];
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        double r = Math.hypot(x - 13.5, y - 13.5);
        image[y * SIDE + x] = r < 8 ? 1f : 0f;
      }
    }
    return image;
  }

  private static EmulatorConfig ideal() {
    // No mismatch, refractory or noise: every threshold crossing becomes an event.
    return EmulatorConfig.nmnistLike().withThresholds(0.3, 0.3, 0).withRefractoryUs(0);
  }

  @Test
  void aStillImageProducesNoEvents() {
    EmulatorConfig still = ideal().withSaccades(3, 100_000, 0);
    assertThat(new DvsEmulator(still).emulate(disc(), SIDE, SIDE, 1).size()).isZero();
  }

  @Test
  void aUniformImageProducesNoEventsWhereverItMoves() {
    float[] grey = new float[40 * 40];
    java.util.Arrays.fill(grey, 0.5f);
    // 40x40 covers the 34x34 sensor at every offset of a 3-pixel path.
    assertThat(new DvsEmulator(ideal()).emulate(grey, 40, 40, 1).size()).isZero();
  }

  @Test
  void overAClosedPathEveryPixelFiresAsManyOnAsOffEvents() {
    // The triangle ends where it began, so each pixel's log intensity returns to its start; with
    // no dropped events the memorised level can only return if ON and OFF counts match.
    EventBuffer events = new DvsEmulator(ideal()).emulate(disc(), SIDE, SIDE, 1);
    assertThat(events.size()).isGreaterThan(500);
    int[] balance = new int[34 * 34];
    for (int i = 0; i < events.size(); i++) {
      balance[events.y(i) * 34 + events.x(i)] += events.p(i) == 1 ? 1 : -1;
    }
    assertThat(balance).containsOnly(0);
  }

  @Test
  void eventsAreTimeOrderedOnTheSensorAndWithinTheSaccades() {
    EmulatorConfig config = EmulatorConfig.nmnistLike().withSensor(new SensorGeometry(40, 36)).withBackgroundRateHz(2);
    EventBuffer events = new DvsEmulator(config).emulate(disc(), SIDE, SIDE, 3);
    assertThat(events.isTimeOrdered()).isTrue();
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.x(i)).isBetween(0, 39);
      assertThat(events.y(i)).isBetween(0, 35);
      assertThat(events.t(i)).isBetween(1L, 300_000L);
    }
  }

  @Test
  void noPixelFiresTwiceWithinTheRefractoryPeriod() {
    EmulatorConfig config = EmulatorConfig.nmnistLike().withThresholds(0.05, 0.05, 0.03).withRefractoryUs(5_000);
    EventBuffer events = new DvsEmulator(config).emulate(disc(), SIDE, SIDE, 4);
    long[] last = new long[34 * 34];
    java.util.Arrays.fill(last, -1_000_000);
    for (int i = 0; i < events.size(); i++) {
      int pixel = events.y(i) * 34 + events.x(i);
      assertThat(events.t(i) - last[pixel]).isGreaterThanOrEqualTo(5_000);
      last[pixel] = events.t(i);
    }
    EventBuffer unlimited = new DvsEmulator(config.withRefractoryUs(0)).emulate(disc(), SIDE, SIDE, 4);
    assertThat(unlimited.size()).isGreaterThan(events.size());
  }

  @Test
  void aLowerThresholdYieldsProportionallyMoreEvents() {
    int coarse = new DvsEmulator(ideal().withThresholds(0.4, 0.4, 0)).emulate(disc(), SIDE, SIDE, 1).size();
    int fine = new DvsEmulator(ideal().withThresholds(0.2, 0.2, 0)).emulate(disc(), SIDE, SIDE, 1).size();
    // Events per pixel are about log swing / threshold, so halving it roughly doubles them.
    assertThat((double) fine / coarse).isBetween(1.7, 2.3);
  }

  @Test
  void backgroundNoiseFollowsItsRate() {
    float[] black = new float[SIDE * SIDE];
    EmulatorConfig noisy = ideal().withBackgroundRateHz(50);
    int n = new DvsEmulator(noisy).emulate(black, SIDE, SIDE, 5).size();
    double expected = 50 * 34 * 34 * 0.3; // rate x pixels x 300 ms = 17,340
    assertThat((double) n).isBetween(expected - 5 * Math.sqrt(expected), expected + 5 * Math.sqrt(expected));
  }

  @Test
  void theSeedDeterminesMismatchAndNoise() {
    EmulatorConfig config = EmulatorConfig.nmnistLike().withBackgroundRateHz(1);
    DvsEmulator emulator = new DvsEmulator(config);
    assertThat(emulator.emulate(disc(), SIDE, SIDE, 11)).isEqualTo(emulator.emulate(disc(), SIDE, SIDE, 11));
    assertThat(emulator.emulate(disc(), SIDE, SIDE, 11)).isNotEqualTo(emulator.emulate(disc(), SIDE, SIDE, 12));
    // Without mismatch or noise nothing is random: the seed does not matter.
    DvsEmulator ideal = new DvsEmulator(ideal());
    assertThat(ideal.emulate(disc(), SIDE, SIDE, 11)).isEqualTo(ideal.emulate(disc(), SIDE, SIDE, 12));
  }

  @Test
  void thresholdMismatchSpreadsPerPixelEventCounts() {
    // The same edge sweeps a whole row of pixels alike; mismatch makes their counts differ.
    float[] stripes = new float[SIDE * SIDE];
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        stripes[y * SIDE + x] = (y / 7) % 2 == 0 ? 1f : 0f;
      }
    }
    assertThat(distinctCountsOnRow(ideal(), stripes)).isEqualTo(1);
    assertThat(distinctCountsOnRow(ideal().withThresholds(0.3, 0.3, 0.1), stripes)).isGreaterThan(1);
  }

  private static long distinctCountsOnRow(EmulatorConfig config, float[] image) {
    EventBuffer events = new DvsEmulator(config).emulate(image, SIDE, SIDE, 2);
    int row = 10; // image row 7 (rest offset 3): an edge; x from 8 to 25 stays inside the image
    int[] counts = new int[34];
    for (int i = 0; i < events.size(); i++) {
      if (events.y(i) == row) {
        counts[events.x(i)]++;
      }
    }
    return java.util.Arrays.stream(counts, 8, 26).distinct().count();
  }
}
