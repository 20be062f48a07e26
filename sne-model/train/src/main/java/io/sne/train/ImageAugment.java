package io.sne.train;

import java.util.Random;

/**
 * Light augmentation of training batches (the teacher's, and direct-encoded students'; standard for Fashion-MNIST): a random
 * shift of up to maxShiftPx pixels in each direction (vacated pixels become 0, the background) and
 * a horizontal flip with probability 1/2. Done on the float rows in Java with a seeded Random, so
 * a run is reproducible whatever the torch thread count.
 */
public record ImageAugment(int maxShiftPx, boolean flip) {
  public static final ImageAugment NONE = new ImageAugment(0, false);

  public ImageAugment {
    if (maxShiftPx < 0) throw new IllegalArgumentException("augmentShiftPx must be >= 0, got " + maxShiftPx);
  }

  public boolean isNone() {
    return maxShiftPx == 0 && !flip;
  }

  /** Augments every image of a [n][c][h][w] batch in place. */
  public void apply(float[] batch, int n, int channels, int height, int width, Random rng) {
    if (isNone()) return;
    int plane = height * width;
    float[] src = new float[plane];
    for (int i = 0; i < n; i++) {
      int dx = maxShiftPx == 0 ? 0 : rng.nextInt(2 * maxShiftPx + 1) - maxShiftPx;
      int dy = maxShiftPx == 0 ? 0 : rng.nextInt(2 * maxShiftPx + 1) - maxShiftPx;
      boolean mirror = flip && rng.nextBoolean();
      for (int c = 0; c < channels; c++) {
        int base = (i * channels + c) * plane;
        System.arraycopy(batch, base, src, 0, plane);
        for (int y = 0; y < height; y++) {
          int sy = y - dy;
          for (int x = 0; x < width; x++) {
            int sx = mirror ? width - 1 - (x - dx) : x - dx;
            boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
            batch[base + y * width + x] = inside ? src[sy * width + sx] : 0f;
          }
        }
      }
    }
  }
}
