package io.sne.runtime.snn;

import io.sne.runtime.model.Shape;

/**
 * A 2-D convolution applied by scatter. A source pixel (y, x, c) reaches output pixel (oy, ox)
 * through tap (ky, kx) when {@code oy*stride - padding + ky = y} (and alike for x). For one source
 * and one kernel row ky, the reachable outputs are consecutive pixels of one output row, and in
 * channels-last layout their currents form one contiguous run of {@code (taps in the row) x out}
 * floats; the weights are laid out to match (kernel columns reversed). So each source costs a few
 * long, vectorisable runs instead of many short loops. The runs of every source pixel are
 * precomputed: borders, strides and padding cost nothing at run time, and fan-out is exact.
 * (With stride > 1 the reachable outputs of a row are not consecutive; each tap is its own run.)
 */
public final class ConvProjection implements Projection {
  private final int channels;
  private final int outChannels;
  private final int sourceCount;
  private final int targetCount;
  private final int channelStride; // weights per input channel: kernel * kernel * outChannels
  /** weights[c * channelStride + (ky * kernel + (kernel - 1 - kx)) * outChannels + o] = W[o][c][ky][kx]. */
  private final float[] weights;
  private final int[] runStart; // per source pixel, into the run arrays
  private final int[] runTarget; // first current index of the run
  private final int[] runWeight; // first weight index of the run, for channel 0
  private final int[] runLength; // floats in the run
  private final int[] fanOutPerPixel;

  /** @param weightOicc the file's tensor {@code [out, in, kernel, kernel]}, row-major */
  public ConvProjection(Shape source, int outChannels, int kernel, int stride, int padding, float[] weightOicc) {
    this.channels = source.channels();
    this.outChannels = outChannels;
    int taps = kernel * kernel;
    int h = source.height();
    int w = source.width();
    int oh = (h + 2 * padding - kernel) / stride + 1;
    int ow = (w + 2 * padding - kernel) / stride + 1;
    this.sourceCount = source.size();
    this.targetCount = oh * ow * outChannels;
    this.channelStride = taps * outChannels;
    this.weights = new float[channels * channelStride];
    for (int o = 0; o < outChannels; o++) {
      for (int c = 0; c < channels; c++) {
        for (int ky = 0; ky < kernel; ky++) {
          for (int kx = 0; kx < kernel; kx++) {
            weights[c * channelStride + (ky * kernel + kernel - 1 - kx) * outChannels + o] =
                weightOicc[((o * channels + c) * kernel + ky) * kernel + kx];
          }
        }
      }
    }
    runStart = new int[h * w + 1];
    fanOutPerPixel = new int[h * w];
    int capacity = h * w * taps;
    int[] targets = new int[capacity];
    int[] weightsAt = new int[capacity];
    int[] lengths = new int[capacity];
    int n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        runStart[y * w + x] = n;
        for (int ky = 0; ky < kernel; ky++) {
          int oyStrided = y + padding - ky;
          if (oyStrided < 0 || oyStrided % stride != 0 || oyStrided / stride >= oh) {
            continue;
          }
          int oy = oyStrided / stride;
          // Walk kx from k-1 down to 0: ox ascends. Consecutive valid ox extend the current run.
          int runOx = -2;
          for (int kx = kernel - 1; kx >= 0; kx--) {
            int oxStrided = x + padding - kx;
            if (oxStrided < 0 || oxStrided % stride != 0 || oxStrided / stride >= ow) {
              continue;
            }
            int ox = oxStrided / stride;
            if (n > runStart[y * w + x] && ox == runOx + 1 && stride == 1) {
              lengths[n - 1] += outChannels;
            } else {
              targets[n] = (oy * ow + ox) * outChannels;
              weightsAt[n] = (ky * kernel + kernel - 1 - kx) * outChannels;
              lengths[n] = outChannels;
              n++;
            }
            runOx = ox;
            fanOutPerPixel[y * w + x] += outChannels;
          }
        }
      }
    }
    runStart[h * w] = n;
    runTarget = java.util.Arrays.copyOf(targets, n);
    runWeight = java.util.Arrays.copyOf(weightsAt, n);
    runLength = java.util.Arrays.copyOf(lengths, n);
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
    return fanOutPerPixel[source / channels];
  }

  @Override
  public long accumulate(SpikeEvents events, float[] current) {
    final int[] index = events.index;
    final float[] value = events.value;
    final int[] count = events.count;
    final float[] w = weights;
    long ops = 0;
    for (int e = 0, n = events.size; e < n; e++) {
      int source = index[e];
      int pix = source / channels;
      int channelBase = (source - pix * channels) * channelStride;
      float a = value[e];
      for (int r = runStart[pix], end = runStart[pix + 1]; r < end; r++) {
        int cb = runTarget[r];
        int wb = channelBase + runWeight[r];
        int len = runLength[r];
        int i = 0;
        // C2 (Java 17) does not vectorise these runs (current and w may be one array at other offsets),
        // and a loop of a few iterations pays its pre/main/post split on every run. So 16 floats at a
        // time in straight-line code, whose range checks C2 merges into one per array: 1.6x on the events
        // model's first layer (16 channels at stride 2: every run is 16 floats). Each current still gets
        // the same single multiply-add, in the same order of events, so results are bit-identical.
        for (; i + 16 <= len; i += 16) {
          add16(current, cb + i, a, w, wb + i);
        }
        for (; i + 4 <= len; i += 4) {
          int c = cb + i;
          int k = wb + i;
          current[c] += a * w[k];
          current[c + 1] += a * w[k + 1];
          current[c + 2] += a * w[k + 2];
          current[c + 3] += a * w[k + 3];
        }
        for (; i < len; i++) {
          current[cb + i] += a * w[wb + i];
        }
      }
      ops += (long) count[e] * fanOutPerPixel[pix];
    }
    return ops;
  }

  /** {@code current[c..c+16) += a * w[k..k+16)}; the last element is touched first so one range check covers each array. */
  private static void add16(float[] current, int c, float a, float[] w, int k) {
    float last = current[c + 15] + a * w[k + 15];
    current[c] += a * w[k];
    current[c + 1] += a * w[k + 1];
    current[c + 2] += a * w[k + 2];
    current[c + 3] += a * w[k + 3];
    current[c + 4] += a * w[k + 4];
    current[c + 5] += a * w[k + 5];
    current[c + 6] += a * w[k + 6];
    current[c + 7] += a * w[k + 7];
    current[c + 8] += a * w[k + 8];
    current[c + 9] += a * w[k + 9];
    current[c + 10] += a * w[k + 10];
    current[c + 11] += a * w[k + 11];
    current[c + 12] += a * w[k + 12];
    current[c + 13] += a * w[k + 13];
    current[c + 14] += a * w[k + 14];
    current[c + 15] = last;
  }
}
