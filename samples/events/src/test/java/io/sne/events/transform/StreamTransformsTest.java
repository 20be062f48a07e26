package io.sne.events.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command-line specs of --noise and --filter: what they build, in which order, and what they refuse. */
class StreamTransformsTest {
  private static final SensorGeometry SENSOR = new SensorGeometry(34, 34);

  /** A bar sweeping across the sensor: every event has neighbours that fired just before it. */
  private static EventBuffer sweepingBar(long durationUs) {
    EventBuffer events = new EventBuffer();
    for (long t = 0; t < durationUs; t += 1000) {
      int x = (int) (t / 1000 % 34);
      for (int y = 5; y < 29; y++) {
        events.add(t, x, y, 1);
      }
    }
    return events;
  }

  @Test
  void noiseComesFirstAndFiltersFollowInTheGivenOrder() {
    StreamTransforms transforms = StreamTransforms.parse(List.of("background:20"), List.of("crop:2,3,20,10", "downsample:2"), 5);
    TransformChain chain = transforms.forStream(SENSOR, "s");
    assertThat(chain.steps()).hasSize(3);
    assertThat(chain.steps().get(0)).isInstanceOf(SensorNoise.class);
    assertThat(chain.steps().get(1)).isInstanceOf(Crop.class);
    assertThat(chain.steps().get(2)).isInstanceOf(SpatialDownsample.class);
    assertThat(chain.outputGeometry(SENSOR)).isEqualTo(new SensorGeometry(10, 5));
    EventBuffer out = chain.apply(sweepingBar(200_000));
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.x(i)).isBetween(0, 9);
      assertThat(out.y(i)).isBetween(0, 4);
    }
    // The chain equals its steps applied one by one to fresh instances.
    EventBuffer byHand = new SpatialDownsample(2, 2).apply(new Crop(2, 3, 20, 10).apply(
        new SensorNoise(SENSOR, 20, 0, 0, transforms.streamSeed("s")).apply(sweepingBar(200_000))));
    assertThat(out).isEqualTo(byHand);
  }

  @Test
  void denoiseRemovesMostOfTheBackgroundActivityAndKeepsTheEdges() {
    EventBuffer clean = sweepingBar(2_000_000);
    EventBuffer noisy = StreamTransforms.parse(List.of("background:20"), List.of(), 1).forStream(SENSOR, "s").apply(clean);
    long added = noisy.size() - clean.size(); // 34 x 34 x 20 Hz x 2 s = 46,240 expected
    assertThat(added).isBetween(44_000L, 48_500L);
    EventBuffer denoised = StreamTransforms.parse(List.of("background:20"), List.of("denoise:1000"), 1)
        .forStream(SENSOR, "s").apply(clean);
    // Bar events have a neighbour 0-1 ms before them; isolated noise rarely does within 1 ms (8 pixels x 20 Hz x 1 ms = 16%).
    assertThat((long) denoised.size()).isGreaterThan((long) (clean.size() * 0.95)).isLessThan(clean.size() + added / 4);
  }

  @Test
  void eachStreamGetsItsOwnNoiseAndTheSameOnEveryRun() {
    StreamTransforms transforms = StreamTransforms.parse(List.of("hot-pixels:0.02", "drop:0.1"), List.of(), 9);
    EventBuffer in = sweepingBar(100_000);
    EventBuffer a = transforms.forStream(SENSOR, "a").apply(in);
    assertThat(transforms.forStream(SENSOR, "a").apply(in)).isEqualTo(a);
    assertThat(transforms.forStream(SENSOR, "b").apply(in)).isNotEqualTo(a);
    assertThat(StreamTransforms.parse(List.of("hot-pixels:0.02", "drop:0.1"), List.of(), 10).forStream(SENSOR, "a").apply(in))
        .isNotEqualTo(a);
  }

  @Test
  void defaultsAndDescriptionFollowTheSpecs() {
    StreamTransforms transforms = StreamTransforms.parse(List.of("background:20", "drop:0.25"),
        List.of("denoise", "refractory", "hot-pixel", "merge-polarities"), 3);
    assertThat(transforms.describe())
        .isEqualTo("noise background 20 Hz/pixel, drop 0.25 (seed 3); filters denoise -> refractory -> hot-pixel -> merge-polarities");
    List<EventTransform> steps = transforms.forStream(SENSOR, "s").steps();
    assertThat(steps).extracting(s -> s.getClass().getSimpleName())
        .containsExactly("SensorNoise", "BackgroundActivityFilter", "RefractoryFilter", "HotPixelFilter", "MergePolarities");
    assertThat(StreamTransforms.NONE.isEmpty()).isTrue();
    assertThat(StreamTransforms.NONE.describe()).isEqualTo("none");
    assertThat(StreamTransforms.NONE.forStream(SENSOR, "s").apply(sweepingBar(10_000))).isEqualTo(sweepingBar(10_000));
  }

  @Test
  void badSpecsAreRefusedWithTheValidOnesListed() {
    assertThatThrownBy(() -> StreamTransforms.parse(List.of("rain:3"), List.of(), 1))
        .hasMessageContaining("unknown noise 'rain'").hasMessageContaining("background:HZ");
    assertThatThrownBy(() -> StreamTransforms.parse(List.of("background"), List.of(), 1)).hasMessageContaining("expected KIND:LEVEL");
    assertThatThrownBy(() -> StreamTransforms.parse(List.of("drop:1.5"), List.of(), 1)).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> StreamTransforms.parse(List.of("background:1e6"), List.of(), 1)).hasMessageContaining("between 0 and 10000 Hz");
    assertThatThrownBy(() -> StreamTransforms.parse(List.of("background:fast"), List.of(), 1)).hasMessageContaining("'fast' is not a number");
    assertThatThrownBy(() -> StreamTransforms.parse(List.of(), List.of("blur:3"), 1))
        .hasMessageContaining("unknown filter 'blur'").hasMessageContaining("denoise[:US]");
    assertThatThrownBy(() -> StreamTransforms.parse(List.of(), List.of("crop:1,2,3"), 1)).hasMessageContaining("expected 4 arguments");
    assertThatThrownBy(() -> StreamTransforms.parse(List.of(), List.of("denoise:0"), 1)).hasMessageContaining("correlationUs must be > 0");
    assertThatThrownBy(() -> StreamTransforms.parse(List.of(), List.of("downsample:0"), 1)).hasMessageContaining("factors must be >= 1");
  }
}
