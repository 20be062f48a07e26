package io.sne.runtime.snn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CountAccumulatorTest {
  @Test
  void drainsSummedCountsInAscendingIndexOrderAndStartsAfreshAfterwards() {
    CountAccumulator acc = new CountAccumulator(200); // four bitmap words, the last one partial
    Random rnd = new Random(7);
    for (int step = 0; step < 50; step++) {
      TreeMap<Integer, Integer> expected = new TreeMap<>();
      int events = rnd.nextInt(300);
      for (int e = 0; e < events; e++) {
        int i = step % 5 == 0 ? 199 - rnd.nextInt(3) : rnd.nextInt(200); // some steps crowd the last word
        int n = 1 + rnd.nextInt(3);
        acc.add(i, n);
        expected.merge(i, n, Integer::sum);
      }
      SpikeEvents out = new SpikeEvents(200);
      acc.drainTo(out, false, 4f);
      assertThat(out.size()).isEqualTo(expected.size());
      int k = 0;
      for (var entry : expected.entrySet()) {
        assertThat(out.index(k)).isEqualTo(entry.getKey());
        assertThat(out.count(k)).isEqualTo(entry.getValue());
        assertThat(out.value(k)).isEqualTo(entry.getValue() / 4f);
        k++;
      }
    }
  }

  @Test
  void binaryDrainEmitsOnesAndClearForgetsEverything() {
    CountAccumulator acc = new CountAccumulator(130);
    acc.add(129, 3);
    acc.add(0, 2);
    acc.add(64, 1);
    SpikeEvents out = new SpikeEvents(130);
    acc.drainTo(out, true, 1f);
    assertThat(out.size()).isEqualTo(3);
    assertThat(new int[] {out.index(0), out.index(1), out.index(2)}).containsExactly(0, 64, 129);
    assertThat(new float[] {out.value(0), out.value(1), out.value(2)}).containsExactly(1f, 1f, 1f);
    assertThat(new int[] {out.count(0), out.count(1), out.count(2)}).containsExactly(1, 1, 1);

    acc.add(5, 1);
    acc.add(100, 2);
    acc.clear();
    acc.add(7, 1);
    acc.drainTo(out, false, 1f);
    assertThat(out.size()).isEqualTo(1);
    assertThat(out.index(0)).isEqualTo(7);
    assertThat(out.count(0)).isEqualTo(1);
  }
}
