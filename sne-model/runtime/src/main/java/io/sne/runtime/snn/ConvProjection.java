package io.sne.runtime.snn;

import io.sne.runtime.model.Shape;

/**
 * A 2-D convolution applied by scatter: a source pixel (y, x, c) reaches output pixel (oy, ox) through
 * tap (ky, kx) when {@code oy*stride - padding + ky = y}; the valid taps of each source pixel are
 * precomputed, so borders and strides cost nothing at run time and fan-out is exact.
 */
public final class ConvProjection implements Projection {
  private final int channels;
  private final int outChannels;
  private final int taps; // kernel * kernel
  private final int sourceCount;
  private final int targetCount;
  /** weights[((c * taps) + tap) * outChannels + o] = W[o][c][ky][kx]. */
  private final float[] weights;
  private final int[] tapStart; // per source pixel, into tapTarget / tapKernel
  private final int[] tapTarget; // first index of the target pixel's channels
  private final int[] tapKernel; // ky * kernel + kx

  /** @param weightOicc the file's tensor {@code [out, in, kernel, kernel]}, row-major */
  public ConvProjection(Shape source, int outChannels, int kernel, int stride, int padding, float[] weightOicc) {
    this.channels = source.channels();
    this.outChannels = outChannels;
    this.taps = kernel * kernel;
    int h = source.height();
    int w = source.width();
    int oh = (h + 2 * padding - kernel) / stride + 1;
    int ow = (w + 2 * padding - kernel) / stride + 1;
    this.sourceCount = source.size();
    this.targetCount = oh * ow * outChannels;
    this.weights = new float[channels * taps * outChannels];
    for (int o = 0; o < outChannels; o++) {
      for (int c = 0; c < channels; c++) {
        for (int t = 0; t < taps; t++) {
          weights[(c * taps + t) * outChannels + o] = weightOicc[(o * channels + c) * taps + t];
        }
      }
    }
    tapStart = new int[h * w + 1];
    int[] targets = new int[h * w * taps];
    int[] kernels = new int[h * w * taps];
    int n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        tapStart[y * w + x] = n;
        for (int ky = 0; ky < kernel; ky++) {
          int oyStrided = y + padding - ky;
          if (oyStrided < 0 || oyStrided % stride != 0 || oyStrided / stride >= oh) {
            continue;
          }
          for (int kx = 0; kx < kernel; kx++) {
            int oxStrided = x + padding - kx;
            if (oxStrided < 0 || oxStrided % stride != 0 || oxStrided / stride >= ow) {
              continue;
            }
            targets[n] = ((oyStrided / stride) * ow + oxStrided / stride) * outChannels;
            kernels[n] = ky * kernel + kx;
            n++;
          }
        }
      }
    }
    tapStart[h * w] = n;
    tapTarget = java.util.Arrays.copyOf(targets, n);
    tapKernel = java.util.Arrays.copyOf(kernels, n);
  }

  @Override
  public int sourceCount() {
    return sourceCount;
  }

  @Override
  public int targetCount() {
    return targetCount;
  }

  @Override
  public int fanOut(int source) {
    int pix = source / channels;
    return (tapStart[pix + 1] - tapStart[pix]) * outChannels;
  }

  @Override
  public long accumulate(SpikeEvents events, float[] current) {
    final int[] index = events.index;
    final float[] value = events.value;
    final int[] count = events.count;
    final int oc = outChannels;
    final float[] w = weights;
    long ops = 0;
    for (int e = 0, n = events.size; e < n; e++) {
      int source = index[e];
      int pix = source / channels;
      int weightChannel = (source - pix * channels) * taps;
      float a = value[e];
      int t0 = tapStart[pix];
      int t1 = tapStart[pix + 1];
      for (int t = t0; t < t1; t++) {
        int cb = tapTarget[t];
        int wb = (weightChannel + tapKernel[t]) * oc;
        for (int o = 0; o < oc; o++) {
          current[cb + o] += a * w[wb + o];
        }
      }
      ops += (long) count[e] * (t1 - t0) * oc;
    }
    return ops;
  }
}
