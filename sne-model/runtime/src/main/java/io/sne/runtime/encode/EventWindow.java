package io.sne.runtime.encode;

/**
 * The events of one classification window, as parallel arrays (no per-event objects): timestamps in
 * microseconds, sensor pixel x/y, polarity (0 = OFF, 1 = ON). Events outside
 * {@code [windowStartUs, windowStartUs + T*dtUs)} are ignored by the encoder.
 */
public record EventWindow(long[] tUs, int[] x, int[] y, byte[] p, int n, long windowStartUs) {
  public EventWindow {
    if (n < 0 || n > tUs.length || n > x.length || n > y.length || n > p.length) {
      throw new IllegalArgumentException("event window: n=" + n + " exceeds the arrays' length");
    }
  }
}
