package io.sne.runtime.model;

/**
 * Leaky integrate-and-fire parameters: {@code v <- beta*v + I}; spike when {@code v >= threshold};
 * reset {@code subtract} ({@code v -= threshold}) or {@code zero} ({@code v = 0}).
 */
public record LifSpec(float beta, float threshold, String reset) {
  public static final String SUBTRACT = "subtract";
  public static final String ZERO = "zero";

  public LifSpec {
    if (reset == null) {
      reset = SUBTRACT;
    }
    if (!reset.equals(SUBTRACT) && !reset.equals(ZERO)) {
      throw new IllegalArgumentException("lif.reset must be 'subtract' or 'zero', got '" + reset + "'");
    }
    if (!(threshold > 0f)) {
      throw new IllegalArgumentException("lif.threshold must be > 0, got " + threshold);
    }
    if (!(beta >= 0f && beta <= 1f)) {
      throw new IllegalArgumentException("lif.beta must be in [0, 1], got " + beta);
    }
  }

  public boolean subtractiveReset() {
    return reset.equals(SUBTRACT);
  }
}
