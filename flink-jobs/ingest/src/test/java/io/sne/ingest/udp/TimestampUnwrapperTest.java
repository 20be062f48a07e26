package io.sne.ingest.udp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampUnwrapperTest {
  private static final long WRAP = 1L << 32;

  @Test
  void keepsIncreasingAcrossSeveralWrapsOfThe32BitCounter() {
    TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    // 10 s steps starting just below the first wrap and running past three of them (~3.6 hours).
    long start = WRAP - 5_000_000;
    for (long trueUs = start; trueUs < start + 3 * WRAP + 1; trueUs += 10_000_000) {
      assertThat(unwrapper.unwrap((int) trueUs)).isEqualTo(trueUs);
    }
  }

  @Test
  void stepsExactlyAcrossTheWrapPoint() {
    TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    assertThat(unwrapper.unwrap(0xFFFF_FFFE)).isEqualTo(WRAP - 2);
    assertThat(unwrapper.unwrap(0xFFFF_FFFF)).isEqualTo(WRAP - 1);
    assertThat(unwrapper.unwrap(0)).isEqualTo(WRAP);
    assertThat(unwrapper.unwrap(1)).isEqualTo(WRAP + 1);
  }

  @Test
  void aLateEventFromBeforeTheWrapStaysInThePreviousPeriod() {
    TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    unwrapper.unwrap((int) (WRAP - 100));
    assertThat(unwrapper.unwrap(50)).isEqualTo(WRAP + 50);
    assertThat(unwrapper.unwrap((int) (WRAP - 10))).isEqualTo(WRAP - 10);
    assertThat(unwrapper.unwrap(60)).isEqualTo(WRAP + 60);
  }

  @Test
  void aSmallBackwardStepIsReorderingNotAWrap() {
    TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    unwrapper.unwrap(1_000_000);
    assertThat(unwrapper.unwrap(999_000)).isEqualTo(999_000);
    assertThat(unwrapper.unwrap(1_001_000)).isEqualTo(1_001_000);
  }
}
