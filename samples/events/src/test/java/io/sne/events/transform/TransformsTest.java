package io.sne.events.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.events.EventBuffer;
import io.sne.events.SensorGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each transform on a small event list whose expected output follows from the transform's definition. */
class TransformsTest {
  private static final SensorGeometry SENSOR = new SensorGeometry(10, 8);

  /** Events as {t, x, y, p} rows. */
  private static EventBuffer events(long[]... rows) {
    EventBuffer events = new EventBuffer();
    for (long[] r : rows) {
      events.add(r[0], (int) r[1], (int) r[2], (int) r[3]);
    }
    return events;
  }

  private static long[] e(long t, long x, long y, long p) {
    return new long[] {t, x, y, p};
  }

  @Test
  void backgroundActivityKeepsEventsWithARecentNeighbourOnly() {
    EventBuffer in = events(
        e(0, 5, 5, 1), // no neighbour has fired yet: dropped
        e(100, 6, 5, 1), // (5,5) fired 100 us ago: kept
        e(150, 0, 0, 1), // isolated: dropped
        e(160, 5, 5, 1), // (6,5) fired 60 us ago: kept
        e(2000, 5, 6, 0), // neighbours last fired 1840 us ago > 1000: dropped
        e(2100, 5, 6, 1)); // only its own pixel fired recently: a pixel cannot support itself
    EventBuffer out = new BackgroundActivityFilter(SENSOR, 1000).apply(in);
    assertThat(out).isEqualTo(events(e(100, 6, 5, 1), e(160, 5, 5, 1)));
  }

  @Test
  void backgroundActivityStateCarriesAcrossPackets() {
    BackgroundActivityFilter filter = new BackgroundActivityFilter(SENSOR, 1000);
    assertThat(filter.apply(events(e(0, 2, 2, 1))).size()).isZero();
    assertThat(filter.apply(events(e(500, 3, 3, 1))).size()).isEqualTo(1);
  }

  @Test
  void refractoryDropsEventsOfTheSamePixelWithinThePeriodAfterAPassedOne() {
    EventBuffer in = events(e(0, 1, 1, 1), e(500, 1, 1, 0), e(900, 2, 1, 1), e(1001, 1, 1, 1), e(1500, 1, 1, 1));
    EventBuffer out = new RefractoryFilter(SENSOR, 1000).apply(in);
    // 500 is within 1000 us of 0; 1001 is past it; 1500 is within 1000 us of 1001.
    assertThat(out).isEqualTo(events(e(0, 1, 1, 1), e(900, 2, 1, 1), e(1001, 1, 1, 1)));
  }

  @Test
  void hotPixelsLearnedFromTheirRateAreDroppedAfterLearning() {
    EventBuffer in = new EventBuffer();
    for (long t = 0; t < 10_000; t += 100) { // pixel (9,7) fires at 10 kHz
      in.add(t, 9, 7, 1);
      if (t % 5000 == 0) {
        in.add(t, 4, 4, 1); // pixel (4,4) at 200 Hz
      }
    }
    in.add(20_000, 9, 7, 1);
    in.add(20_001, 4, 4, 0);
    HotPixelFilter filter = new HotPixelFilter(SENSOR, 1000, 10_000);
    EventBuffer out = filter.apply(in);
    assertThat(filter.isHot(9, 7)).isTrue();
    assertThat(filter.isHot(4, 4)).isFalse();
    // Learning window passes everything (102 events); afterwards only (4,4) passes.
    assertThat(out.size()).isEqualTo(in.size() - 1);
    assertThat(out.describe(out.size() - 1)).isEqualTo("(20001, 4, 4, 0)");
  }

  @Test
  void givenHotPixelsAreDroppedFromTheStart() {
    HotPixelFilter filter = HotPixelFilter.of(SENSOR, new int[][] {{3, 2}});
    assertThat(filter.apply(events(e(1, 3, 2, 1), e(2, 2, 3, 1)))).isEqualTo(events(e(2, 2, 3, 1)));
  }

  @Test
  void downsampleDividesCoordinatesAndTheSensor() {
    SpatialDownsample down = new SpatialDownsample(2, 4);
    assertThat(down.apply(events(e(1, 9, 7, 1), e(2, 0, 3, 0)))).isEqualTo(events(e(1, 4, 1, 1), e(2, 0, 0, 0)));
    assertThat(down.outputGeometry(SENSOR)).isEqualTo(new SensorGeometry(5, 2));
    assertThat(down.outputGeometry(new SensorGeometry(11, 9))).isEqualTo(new SensorGeometry(6, 3));
  }

  @Test
  void cropKeepsTheWindowAndShiftsItToTheOrigin() {
    Crop crop = Crop.centre(SENSOR, 4, 4); // columns 3..6, rows 2..5
    assertThat(crop.apply(events(e(1, 3, 2, 1), e(2, 6, 5, 0), e(3, 7, 5, 1), e(4, 2, 2, 1))))
        .isEqualTo(events(e(1, 0, 0, 1), e(2, 3, 3, 0)));
    assertThat(crop.outputGeometry(SENSOR)).isEqualTo(new SensorGeometry(4, 4));
  }

  @Test
  void mergePolaritiesMakesOneChannel() {
    assertThat(new MergePolarities().apply(events(e(1, 1, 1, 1), e(2, 2, 2, 0))))
        .isEqualTo(events(e(1, 1, 1, 0), e(2, 2, 2, 0)));
  }

  @Test
  void timeSlicesWithOverlapAndAnIncompleteTail() {
    EventBuffer in = events(e(0, 0, 0, 1), e(40, 0, 0, 1), e(60, 0, 0, 1), e(100, 0, 0, 1), e(130, 0, 0, 1));
    List<EventBuffer> windows = Slicing.byTime(in, 100, 50, true);
    // [0,100): 0,40,60; [50,150): 60,100,130; [100,200): 100,130 (incomplete)
    assertThat(windows).extracting(EventBuffer::size).containsExactly(3, 3, 2);
    assertThat(windows.get(1).t(0)).isEqualTo(60);
    assertThat(Slicing.byTime(in, 100, 50, false)).hasSize(1);
  }

  @Test
  void eventCountSlices() {
    EventBuffer in = events(e(0, 0, 0, 1), e(1, 0, 0, 1), e(2, 0, 0, 1), e(3, 0, 0, 1), e(4, 0, 0, 1));
    assertThat(Slicing.byEventCount(in, 2, 0, false)).extracting(b -> b.t(0)).containsExactly(0L, 2L);
    assertThat(Slicing.byEventCount(in, 2, 0, true)).extracting(EventBuffer::size).containsExactly(2, 2, 1);
    assertThat(Slicing.byEventCount(in, 3, 1, false)).extracting(b -> b.t(0)).containsExactly(0L, 2L);
  }
}
