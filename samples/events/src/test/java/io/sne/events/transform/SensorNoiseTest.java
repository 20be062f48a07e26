package io.sne.events.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Noise against the rates it is asked for, and its independence of how the stream is cut into packets. */
class SensorNoiseTest {
  private static final SensorGeometry SENSOR = new SensorGeometry(10, 8);
  private static final int PIXELS = 80;

  /** A "clock": one event on pixel (0, 0) every {@code stepUs} over {@code durationUs}, so noise has a time span to fill. */
  private static EventBuffer clock(long durationUs, long stepUs) {
    EventBuffer events = new EventBuffer();
    for (long t = 0; t <= durationUs; t += stepUs) {
      events.add(t, 0, 0, 1);
    }
    return events;
  }

  private static EventBuffer noiseOnly(EventBuffer out) {
    EventBuffer noise = new EventBuffer();
    for (int i = 0; i < out.size(); i++) {
      if (out.x(i) != 0 || out.y(i) != 0 || out.p(i) != 1 || out.t(i) % 1000 != 0) {
        noise.add(out.t(i), out.x(i), out.y(i), out.p(i));
      }
    }
    return noise;
  }

  @Test
  void backgroundActivityHasThePoissonCountPerPixelAndBothPolarities() {
    EventBuffer in = clock(10_000_000, 1000); // 10 s
    EventBuffer out = new SensorNoise(SENSOR, 20, 0, 0, 7).apply(in);
    assertThat(out.isTimeOrdered()).isTrue();
    EventBuffer noise = noiseOnly(out);
    // Nothing dropped: 80 pixels x 20 Hz x 10 s = 16,000 added, expected; 4 sigma = 506.
    assertThat((double) (out.size() - in.size())).isCloseTo(16_000, offset(506.0));
    assertThat((double) noise.countOn() / noise.size()).isBetween(0.47, 0.53);
    int[] perPixel = new int[PIXELS];
    for (int i = 0; i < noise.size(); i++) {
      perPixel[noise.y(i) * 10 + noise.x(i)]++;
    }
    // 200 expected per pixel: each within 5 sigma (71), so a stuck or missing pixel fails.
    assertThat(Arrays.stream(perPixel).min().getAsInt()).isGreaterThan(129);
    assertThat(Arrays.stream(perPixel).max().getAsInt()).isLessThan(271);
    // Every input event is still there, in order.
    int next = 0;
    for (int i = 0; i < out.size() && next < in.size(); i++) {
      if (out.t(i) == in.t(next) && out.x(i) == 0 && out.y(i) == 0 && out.p(i) == 1) {
        next++;
      }
    }
    assertThat(next).isEqualTo(in.size());
  }

  @Test
  void hotPixelsAreTheirShareOfDistinctPixelsFiringAtOneKilohertz() {
    EventBuffer in = clock(2_000_000, 1000);
    SensorNoise sensor = new SensorNoise(SENSOR, 0, 0.05, 0, 3);
    int[] hot = sensor.hotPixels();
    assertThat(hot).hasSize(4); // 5% of 80
    assertThat(Arrays.stream(hot).distinct().count()).isEqualTo(4);
    EventBuffer out = sensor.apply(in);
    Set<Integer> hotSet = new HashSet<>();
    Arrays.stream(hot).forEach(hotSet::add);
    for (int i = 0; i < out.size(); i++) {
      int pixel = out.y(i) * 10 + out.x(i);
      if (pixel != 0) { // (0, 0) is the clock's
        assertThat(hotSet).contains(pixel);
      }
    }
    // Nothing dropped, so the noise is what was added: 4 pixels x 1 kHz x 2 s = 8,000 expected (4 sigma = 358).
    assertThat((double) (out.size() - in.size())).isCloseTo(8_000, offset(358.0));
  }

  @Test
  void dropRemovesItsShareOfTheInputAndAddsNothing() {
    EventBuffer in = clock(10_000_000, 1000); // 10,001 events
    EventBuffer out = new SensorNoise(SENSOR, 0, 0, 0.3, 11).apply(in);
    // 7,000.7 expected kept, sigma 45.8
    assertThat((double) out.size()).isCloseTo(7000.7, offset(230.0));
    assertThat(noiseOnly(out).size()).isZero();
  }

  @Test
  void theOutputDoesNotDependOnHowTheInputIsCutIntoPackets() {
    EventBuffer in = new EventBuffer();
    Random random = new Random(5);
    long t = 1_000_000; // does not start at 0: noise starts at the first event
    for (int i = 0; i < 5000; i++) {
      t += random.nextInt(3) == 0 ? 0 : random.nextInt(400); // runs of equal timestamps
      in.add(t, random.nextInt(10), random.nextInt(8), random.nextInt(2));
    }
    EventBuffer whole = new SensorNoise(SENSOR, 50, 0.05, 0.2, 99).apply(in);
    for (int packetSize : new int[] {1, 7, 64, 999}) {
      SensorNoise sensor = new SensorNoise(SENSOR, 50, 0.05, 0.2, 99);
      EventBuffer cut = new EventBuffer();
      for (int from = 0; from < in.size(); from += packetSize) {
        sensor.apply(in.slice(from, Math.min(in.size(), from + packetSize)), cut);
      }
      assertThat(cut).as("packets of %d", packetSize).isEqualTo(whole);
    }
    assertThat(whole.isTimeOrdered()).isTrue();
    assertThat(whole.t(0)).isEqualTo(in.t(0)); // no noise before the stream's first event
  }

  @Test
  void theSeedDecidesTheNoise() {
    EventBuffer in = clock(100_000, 1000);
    assertThat(new SensorNoise(SENSOR, 100, 0.05, 0.1, 1).apply(in)).isEqualTo(new SensorNoise(SENSOR, 100, 0.05, 0.1, 1).apply(in));
    assertThat(new SensorNoise(SENSOR, 100, 0.05, 0.1, 1).apply(in)).isNotEqualTo(new SensorNoise(SENSOR, 100, 0.05, 0.1, 2).apply(in));
  }

  @Test
  void withoutNoiseTheStreamPassesUnchanged() {
    EventBuffer in = clock(50_000, 700);
    assertThat(new SensorNoise(SENSOR, 0, 0, 0, 1).apply(in)).isEqualTo(in);
  }

  @Test
  void levelsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> new SensorNoise(SENSOR, -1, 0, 0, 1)).hasMessageContaining("background rate >= 0");
    assertThatThrownBy(() -> new SensorNoise(SENSOR, 0, 1.5, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SensorNoise(SENSOR, 0, 0, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
