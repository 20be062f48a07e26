package io.sne.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventBufferTest {
  @Test
  void growsPastItsInitialCapacityKeepingEveryColumn() {
    EventBuffer buffer = new EventBuffer(2);
    for (int i = 0; i < 1000; i++) {
      buffer.add(10L * i, i % 34, i / 34, i % 3 == 0 ? 1 : 0);
    }
    assertThat(buffer.size()).isEqualTo(1000);
    assertThat(buffer.t(999)).isEqualTo(9990);
    assertThat(buffer.x(999)).isEqualTo(999 % 34);
    assertThat(buffer.y(999)).isEqualTo(999 / 34);
    assertThat(buffer.countOn()).isEqualTo(334);
  }

  @Test
  void polarityIsStoredAsZeroOrOne() {
    EventBuffer buffer = new EventBuffer();
    buffer.add(1, 0, 0, -1);
    buffer.add(2, 0, 0, 0);
    assertThat(buffer.p(0)).isEqualTo(1);
    assertThat(buffer.p(1)).isEqualTo(0);
  }

  @Test
  void equalityComparesOnlyTheValidEvents() {
    EventBuffer a = EventBuffer.of(new long[] {1, 2, 3}, new int[] {1, 2, 3}, new int[] {4, 5, 6}, new byte[] {1, 0, 1});
    EventBuffer b = new EventBuffer(64);
    b.addAll(a);
    b.add(4, 4, 4, 1);
    assertThat(b).isNotEqualTo(a);
    b.truncate(3);
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.slice(1, 3)).isEqualTo(EventBuffer.of(new long[] {2, 3}, new int[] {2, 3}, new int[] {5, 6}, new byte[] {0, 1}));
  }

  @Test
  void detectsTimeOrder() {
    EventBuffer buffer = EventBuffer.of(new long[] {5, 5, 7}, new int[3], new int[3], new byte[3]);
    assertThat(buffer.isTimeOrdered()).isTrue();
    buffer.add(6, 0, 0, 0);
    assertThat(buffer.isTimeOrdered()).isFalse();
  }
}
