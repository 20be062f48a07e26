package io.sne.runtime.model;

/**
 * IEEE 754 half precision (binary16) and bfloat16, to and from float, rounding to nearest even as
 * PyTorch and numpy do. Hand-written because {@code Float.floatToFloat16} only arrived in Java 20;
 * {@code HalfPrecisionTest} checks every one of the 65,536 bit patterns and random floats against
 * a brute-force nearest-value search.
 */
public final class HalfPrecision {
  /** The largest finite half value; floats from 65,520 up round to infinity. */
  public static final float MAX_HALF = 65504f;

  private HalfPrecision() {}

  public static short toHalfBits(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7fffffff;
    if (abs >= 0x7f800000) { // infinity, or NaN kept quiet with its top payload bits
      return (short) (sign | 0x7c00 | (abs > 0x7f800000 ? 0x200 | (abs >>> 13) & 0x3ff : 0));
    }
    if (abs >= 0x477ff000) { // 65,520 and up: the tie with 65,504 goes to the even neighbour, infinity
      return (short) (sign | 0x7c00);
    }
    if (abs >= 0x38800000) { // normal half: re-bias the exponent (127 -> 15), round 23 -> 10 mantissa bits
      int r = abs - 0x38000000;
      r += 0xfff + ((r >>> 13) & 1); // a carry out of the mantissa correctly bumps the exponent
      return (short) (sign | (r >>> 13));
    }
    if (abs < 0x33000000) { // below 2^-25: rounds to (signed) zero; exactly 2^-25 is a tie and goes to 0 below
      return (short) sign;
    }
    // subnormal half: m x 2^-24 with the float's 24-bit significand shifted into place
    int exponent = abs >>> 23;
    int significand = (abs & 0x7fffff) | 0x800000;
    int shift = 126 - exponent;
    int m = significand >>> shift;
    int rest = significand & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    if (rest > half || (rest == half && (m & 1) == 1)) {
      m++; // 1024 is the smallest normal's encoding, so this may carry over correctly
    }
    return (short) (sign | m);
  }

  public static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
    }
    if (exponent == 0) {
      float v = mantissa * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
  }

  /** The nearest half-precision value, as a float. */
  public static float roundToHalf(float f) {
    return halfToFloat(toHalfBits(f));
  }

  public static short toBfloat16Bits(float f) {
    int bits = Float.floatToRawIntBits(f);
    if ((bits & 0x7fffffff) > 0x7f800000) {
      return (short) ((bits >>> 16) | 0x40); // NaN stays NaN (quiet), whatever rounding would do
    }
    return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
  }

  public static float bfloat16ToFloat(short b) {
    return Float.intBitsToFloat((b & 0xffff) << 16);
  }
}
