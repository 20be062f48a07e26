package io.sne.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageAugmentTest {
  /** A 4x4 image with one bright pixel at (x=1, y=2). */
  private static float[] dot() {
    float[] img = new float[16];
    img[2 * 4 + 1] = 1f;
    return img;
  }

  private static int brightAt(float[] img) {
    for (int i = 0; i < img.length; i++) if (img[i] == 1f) return i;
    return -1;
  }

  @Test
  void shiftsMoveThePixelByAtMostTheLimitAndFlipsMirrorIt() {
    ImageAugment shift = new ImageAugment(1, false);
    Random rng = new Random(3);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int trial = 0; trial < 200; trial++) {
      float[] img = dot();
      shift.apply(img, 1, 1, 4, 4, rng);
      int at = brightAt(img);
      int x = at % 4;
      int y = at / 4;
      assertThat(Math.abs(x - 1)).isLessThanOrEqualTo(1);
      assertThat(Math.abs(y - 2)).isLessThanOrEqualTo(1);
      float sum = 0;
      for (float v : img) sum += v;
      assertThat(sum).as("a shift moves pixels, it does not duplicate them").isEqualTo(1f);
      seen.add(at);
    }
    assertThat(seen).as("all 9 shifts of +-1 px occur").hasSize(9);

    ImageAugment flip = new ImageAugment(0, true);
    java.util.Set<Integer> flipped = new java.util.HashSet<>();
    for (int trial = 0; trial < 50; trial++) {
      float[] img = dot();
      flip.apply(img, 1, 1, 4, 4, rng);
      flipped.add(brightAt(img));
    }
    assertThat(flipped).as("unchanged or mirrored to x = 4-1-1").containsExactlyInAnyOrder(2 * 4 + 1, 2 * 4 + 2);
  }

  @Test
  void pixelsShiftedInFromOutsideAreBackgroundAndRunsAreReproducible() {
    float[] full = new float[2 * 16];
    java.util.Arrays.fill(full, 0.5f);
    float[] again = full.clone();
    new ImageAugment(2, true).apply(full, 2, 1, 4, 4, new Random(9));
    new ImageAugment(2, true).apply(again, 2, 1, 4, 4, new Random(9));
    assertThat(full).containsExactly(again);
    for (float v : full) assertThat(v).isIn(0f, 0.5f);
  }
}
