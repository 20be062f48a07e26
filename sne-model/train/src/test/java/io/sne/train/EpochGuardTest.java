package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpochGuardTest {
  @Test
  void aRiseBeyondHalfAgainTheLastAcceptedEpochIsDivergence() {
    EpochGuard g = new EpochGuard();
    assertThat(g.diverged(5.0, 0.1)).as("the first epoch has nothing to compare with").isFalse();
    g.accept(0, 0.10);
    assertThat(g.diverged(0.149, 0.1)).isFalse();
    assertThat(g.diverged(0.151, 0.1)).isTrue();
    g.accept(1, 0.074);
    assertThat(g.diverged(0.140, 0.1)).as("the 10-epoch run's last epoch, after 0.074").isTrue();
  }

  @Test
  void nonFiniteLossOrAFiringRateOutsideZeroToOneIsDivergence() {
    EpochGuard g = new EpochGuard();
    assertThat(g.diverged(Double.NaN, 0.1)).isTrue();
    assertThat(g.diverged(Double.POSITIVE_INFINITY, 0.1)).isTrue();
    assertThat(g.diverged(0.1, 41.7)).isTrue();
    assertThat(g.diverged(0.1, Double.NaN)).isTrue();
    assertThat(g.diverged(0.1, 0.04)).isFalse();
  }

  @Test
  void theBestAcceptedEpochIsTheLowestMse() {
    EpochGuard g = new EpochGuard();
    assertThat(g.accept(0, 0.20)).isTrue();
    assertThat(g.accept(1, 0.09)).isTrue();
    assertThat(g.accept(2, 0.12)).isFalse();
    assertThat(g.accept(3, 0.09)).as("a tie keeps the earlier epoch").isFalse();
    assertThat(g.bestEpoch()).isEqualTo(1);
    assertThat(g.best()).isEqualTo(0.09);
  }
}
