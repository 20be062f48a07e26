package io.sne.train.nn;

/**
 * One spiking student, exactly as the runtime runs it (docs/model-file.md):
 * conv(k x k, stride, padding) -> LIF -> pool(sum|avg, kernel) -> dense -> LIF -> readout (mean over T).
 * LIF per step: charge v = beta*v + I, fire z = (v >= threshold), reset (subtract: v -= threshold*z; zero: v *= 1-z).
 */
public record StudentArch(
    String encoding, int channels, int height, int width, int timeSteps,
    int convOut, int kernel, int stride, int padding,
    String poolMode, int poolKernel,
    int hidden, int sliceSize,
    float beta, float threshold, String convReset, String denseReset) {

  public StudentArch {
    if (!encoding.equals("direct") && !encoding.equals("events")) throw new IllegalArgumentException("encoding must be direct or events, got " + encoding);
    if (!poolMode.equals("sum") && !poolMode.equals("avg")) throw new IllegalArgumentException("pool mode must be sum or avg, got " + poolMode);
    for (String r : new String[] {convReset, denseReset}) {
      if (!r.equals("subtract") && !r.equals("zero")) throw new IllegalArgumentException("reset must be subtract or zero, got " + r);
    }
  }

  public StudentArch withSliceSize(int size) {
    return new StudentArch(encoding, channels, height, width, timeSteps, convOut, kernel, stride, padding, poolMode, poolKernel,
        hidden, size, beta, threshold, convReset, denseReset);
  }

  public int convHeight() {
    return (height + 2 * padding - kernel) / stride + 1;
  }

  public int convWidth() {
    return (width + 2 * padding - kernel) / stride + 1;
  }

  public int pooledHeight() {
    return convHeight() / poolKernel;
  }

  public int pooledWidth() {
    return convWidth() / poolKernel;
  }

  public int denseIn() {
    return convOut * pooledHeight() * pooledWidth();
  }

  /** Per-sample input length: T*C*H*W for events, C*H*W for direct. */
  public int inputSize() {
    int frame = channels * height * width;
    return encoding.equals("events") ? timeSteps * frame : frame;
  }
}
