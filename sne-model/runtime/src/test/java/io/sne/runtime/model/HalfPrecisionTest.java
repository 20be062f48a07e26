package io.sne.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written conversions against brute force: every half value, and the nearest one for random floats. */
class HalfPrecisionTest {
  /** Every finite half value, ascending, decoded independently of the code under test. */
  private static final double[] FINITE_HALVES = finiteHalves();

  private static double[] finiteHalves() {
    double[] out = new double[2 * 31 * 1024];
    int n = 0;
    for (int sign = -1; sign <= 1; sign += 2) {
      for (int exponent = 0; exponent < 31; exponent++) {
        for (int mantissa = 0; mantissa < 1024; mantissa++) {
          double magnitude = exponent == 0 ? mantissa * Math.pow(2, -24) : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
          out[n++] = sign * magnitude;
        }
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** The nearest finite half by search; ties to the even mantissa; beyond 65,504 + half an ulp, infinity. */
  private static float nearestHalf(float f) {
    if (Math.abs(f) >= 65520f) {
      return f > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
    }
    if (Math.abs(f) > 65504f) {
      return Math.signum(f) * 65504f;
    }
    int i = Arrays.binarySearch(FINITE_HALVES, f);
    if (i >= 0) {
      return (float) FINITE_HALVES[i];
    }
    int above = -i - 1;
    double lo = FINITE_HALVES[above - 1];
    double hi = FINITE_HALVES[above];
    double dLo = f - lo;
    double dHi = hi - f;
    if (dLo != dHi) {
      return (float) (dLo < dHi ? lo : hi);
    }
    short loBits = HalfPrecision.toHalfBits((float) lo); // exact, so only the tie's parity is asked of it
    return (float) ((loBits & 1) == 0 ? lo : hi);
  }

  @Test
  void everyHalfBitPatternSurvivesARoundTripThroughFloat() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = HalfPrecision.halfToFloat((short) bits);
      boolean nan = (bits & 0x7c00) == 0x7c00 && (bits & 0x3ff) != 0;
      if (nan) {
        assertThat(f).as("bits %04x", bits).isNaN();
        assertThat(Float.isNaN(HalfPrecision.halfToFloat(HalfPrecision.toHalfBits(f)))).isTrue();
      } else {
        assertThat(HalfPrecision.toHalfBits(f) & 0xffff).as("bits %04x -> %s", bits, f).isEqualTo(bits);
      }
    }
  }

  @Test
  void decodingMatchesTheValuesOfTheFormat() {
    assertThat(HalfPrecision.halfToFloat((short) 0x3c00)).isEqualTo(1f);
    assertThat(HalfPrecision.halfToFloat((short) 0xc000)).isEqualTo(-2f);
    assertThat(HalfPrecision.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
    assertThat(HalfPrecision.halfToFloat((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
    assertThat(HalfPrecision.halfToFloat((short) 0x0400)).isEqualTo((float) Math.pow(2, -14));
    assertThat(HalfPrecision.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Float.floatToRawIntBits(HalfPrecision.halfToFloat((short) 0x8000))).isEqualTo(0x80000000);
  }

  @Test
  void floatsRoundToTheNearestHalfTiesToEven() {
    float[] edges = {0f, -0f, 1f, 65504f, 65519.996f, 65520f, -65520f, 1e9f, 0x1p-25f, 0x1.000002p-25f, 0x1.8p-24f,
        0x1.4p-24f, 0x1.ffcp-15f, 0x1.ffep-15f, 0x1p-14f, 1.0009765625f + 0.00048828125f, 1.00048828125f, 3e-8f, 5.96e-8f,
        1.5e-5f, Float.MIN_VALUE, Float.MAX_VALUE};
    for (float f : edges) {
      assertThat(HalfPrecision.roundToHalf(f)).as("%s (%a)", f, f).isEqualTo(nearestHalf(f));
    }
    Random rng = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      // uniform over the bit patterns of floats from 2^-30 to 2^17: every exponent a half has, and then some
      float f = Float.intBitsToFloat(0x30800000 + rng.nextInt(0x48000000 - 0x30800000));
      f = rng.nextBoolean() ? f : -f;
      assertThat(HalfPrecision.roundToHalf(f)).as("%s (%a)", f, f).isEqualTo(nearestHalf(f));
    }
  }

  @Test
  void bfloat16KeepsTheFloatExponentAndRoundsTheMantissaToEight() {
    Random rng = new Random(5);
    for (int i = 0; i < 100_000; i++) {
      float f = Float.intBitsToFloat(rng.nextInt() & 0x7f7fffff) * (rng.nextBoolean() ? 1 : -1);
      float down = Float.intBitsToFloat(Float.floatToRawIntBits(f) & 0xffff0000);
      float up = Float.intBitsToFloat((Float.floatToRawIntBits(f) & 0xffff0000) + 0x10000);
      if (Float.isInfinite(up)) {
        continue; // above the largest bfloat16 IEEE rounds to infinity, which a distance cannot express
      }
      double dDown = Math.abs((double) f - down);
      double dUp = Math.abs((double) up - f);
      float expected = dDown < dUp ? down : dUp < dDown ? up
          : ((Float.floatToRawIntBits(down) >>> 16) & 1) == 0 ? down : up;
      float got = HalfPrecision.bfloat16ToFloat(HalfPrecision.toBfloat16Bits(f));
      assertThat(got).as("%a", f).isEqualTo(expected);
    }
    assertThat(HalfPrecision.bfloat16ToFloat(HalfPrecision.toBfloat16Bits(Float.NaN))).isNaN();
  }
}
