package io.sne.train.nn;

/**
 * One spiking student, exactly as the runtime runs it (docs/model-file.md):
 * conv(k x k, stride, padding) -> LIF [-> conv2(k x k, conv2Stride, padding) -> LIF] [-> pool(sum|avg, kernel)]
 * -> dense -> LIF -> readout (mean over T). conv2Out = 0 leaves the second conv out; poolKernel = 1 the pooling.
 * LIF per step: charge v = beta*v + I, fire z = (v >= threshold), reset (subtract: v -= threshold*z; zero: v *= 1-z).
 * The model file numbers the layers in this order, so tensor names follow {@link #denseIndex()} and friends.
 */
public record StudentArch(
    String encoding, int channels, int height, int width, int timeSteps,
    int convOut, int kernel, int stride, int padding,
    String poolMode, int poolKernel,
    int hidden, int sliceSize,
    float beta, float threshold, String convReset, String denseReset,
    int conv2Out, int conv2Stride) {

  public StudentArch {
    if (!encoding.equals("direct") && !encoding.equals("events")) throw new IllegalArgumentException("encoding must be direct or events, got " + encoding);
    if (!poolMode.equals("sum") && !poolMode.equals("avg")) throw new IllegalArgumentException("pool mode must be sum or avg, got " + poolMode);
    for (String r : new String[] {convReset, denseReset}) {
      if (!r.equals("subtract") && !r.equals("zero")) throw new IllegalArgumentException("reset must be subtract or zero, got " + r);
    }
    if (poolKernel < 1) throw new IllegalArgumentException("pool kernel must be >= 1 (1 = no pooling), got " + poolKernel);
    if (conv2Out < 0) throw new IllegalArgumentException("conv2 channels must be >= 0 (0 = no second conv), got " + conv2Out);
    if (conv2Out > 0 && conv2Stride < 1) throw new IllegalArgumentException("conv2 stride must be >= 1, got " + conv2Stride);
  }

  /** The one-conv student (conv -> pool -> dense), as every model before the second conv layer. */
  public StudentArch(
      String encoding, int channels, int height, int width, int timeSteps,
      int convOut, int kernel, int stride, int padding,
      String poolMode, int poolKernel,
      int hidden, int sliceSize,
      float beta, float threshold, String convReset, String denseReset) {
    this(encoding, channels, height, width, timeSteps, convOut, kernel, stride, padding, poolMode, poolKernel, hidden, sliceSize,
        beta, threshold, convReset, denseReset, 0, 1);
  }

  public StudentArch withSliceSize(int size) {
    return new StudentArch(encoding, channels, height, width, timeSteps, convOut, kernel, stride, padding, poolMode, poolKernel,
        hidden, size, beta, threshold, convReset, denseReset, conv2Out, conv2Stride);
  }

  public boolean hasConv2() {
    return conv2Out > 0;
  }

  public boolean hasPool() {
    return poolKernel > 1;
  }

  /** Layer index of the second conv in the model file (1), or -1 without one. */
  public int conv2Index() {
    return hasConv2() ? 1 : -1;
  }

  /** Layer index of the pooling layer, or -1 without one. */
  public int poolIndex() {
    return hasPool() ? (hasConv2() ? 2 : 1) : -1;
  }

  /** Layer index of the dense LIF layer. */
  public int denseIndex() {
    return 1 + (hasConv2() ? 1 : 0) + (hasPool() ? 1 : 0);
  }

  public int convHeight() {
    return (height + 2 * padding - kernel) / stride + 1;
  }

  public int convWidth() {
    return (width + 2 * padding - kernel) / stride + 1;
  }

  public int conv2Height() {
    return (convHeight() + 2 * padding - kernel) / conv2Stride + 1;
  }

  public int conv2Width() {
    return (convWidth() + 2 * padding - kernel) / conv2Stride + 1;
  }

  /** Channels and size of the last conv layer's output, which pooling (or the dense layer) reads. */
  public int lastConvChannels() {
    return hasConv2() ? conv2Out : convOut;
  }

  public int lastConvHeight() {
    return hasConv2() ? conv2Height() : convHeight();
  }

  public int lastConvWidth() {
    return hasConv2() ? conv2Width() : convWidth();
  }

  public int pooledHeight() {
    return lastConvHeight() / poolKernel;
  }

  public int pooledWidth() {
    return lastConvWidth() / poolKernel;
  }

  public int denseIn() {
    return lastConvChannels() * pooledHeight() * pooledWidth();
  }

  /** Spiking neurons per step: both conv maps and the dense layer. */
  public long neurons() {
    long conv2 = hasConv2() ? (long) conv2Out * conv2Height() * conv2Width() : 0;
    return (long) convOut * convHeight() * convWidth() + conv2 + hidden;
  }

  /** Per-sample input length: T*C*H*W for events, C*H*W for direct. */
  public int inputSize() {
    int frame = channels * height * width;
    return encoding.equals("events") ? timeSteps * frame : frame;
  }
}
