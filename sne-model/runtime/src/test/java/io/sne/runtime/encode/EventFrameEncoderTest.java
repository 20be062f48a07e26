package io.sne.runtime.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.sne.runtime.model.InputSpec;
import org.junit.jupiter.api.Test;

class EventFrameEncoderTest {
  private static InputSpec input(int sensorW, int sensorH, String frame) {
    return new InputSpec(InputSpec.EVENTS, 2, 34, 34, sensorW, sensorH, 4, 1000, frame);
  }

  @Test
  void davis346IsDownsampledBySevenAndCentreCropped() {
    // 346x260 / 7 -> 50x38 blocks; the centre 34x34 of them starts at block (8, 2).
    EventFrameEncoder enc = new EventFrameEncoder(input(346, 260, InputSpec.COUNT));
    assertThat(enc.scale()).isEqualTo(7);
    assertThat(enc.inputIndex(55, 14, 0)).isEqualTo(-1); // block x 7: left of the crop
    assertThat(enc.inputIndex(56, 14, 0)).isEqualTo(0); // block (8, 2) -> input (0, 0)
    assertThat(enc.inputIndex(62, 20, 0)).isEqualTo(0); // same 7x7 block
    assertThat(enc.inputIndex(293, 14, 0)).isEqualTo(33); // block x 41 -> input x 33
    assertThat(enc.inputIndex(294, 14, 0)).isEqualTo(-1); // block x 42: right of the crop
    assertThat(enc.inputIndex(56, 13, 0)).isEqualTo(-1); // block y 1: above the crop
    assertThat(enc.inputIndex(56, 14 + 7 * 33, 1)).isEqualTo(34 * 34 + 33 * 34); // ON plane, last row
    assertThat(enc.inputIndex(346, 0, 0)).isEqualTo(-1); // off-sensor
  }

  @Test
  void smallerSensorIsCentredWithPadding() {
    EventFrameEncoder enc = new EventFrameEncoder(input(20, 20, InputSpec.COUNT));
    assertThat(enc.scale()).isEqualTo(1);
    assertThat(enc.inputIndex(0, 0, 0)).isEqualTo(7 * 34 + 7);
    assertThat(enc.inputIndex(19, 19, 0)).isEqualTo(26 * 34 + 26);
  }

  @Test
  void stepsAreDtWideAndTheWindowIsHalfOpen() {
    EventFrameEncoder enc = new EventFrameEncoder(input(34, 34, InputSpec.COUNT));
    assertThat(enc.stepOf(10_000, 10_000)).isZero();
    assertThat(enc.stepOf(10_999, 10_000)).isZero();
    assertThat(enc.stepOf(11_000, 10_000)).isEqualTo(1);
    assertThat(enc.stepOf(13_999, 10_000)).isEqualTo(3);
    assertThat(enc.stepOf(14_000, 10_000)).isEqualTo(-1);
    assertThat(enc.stepOf(9_999, 10_000)).isEqualTo(-1);
  }

  @Test
  void framesCountEventsPerStepPixelAndPolarity() {
    long[] t = {0, 10, 20, 1500, 1600, 5000};
    int[] x = {3, 3, 3, 3, 4, 3};
    int[] y = {2, 2, 2, 2, 2, 2};
    byte[] p = {1, 1, 0, 1, 1, 1};
    float[][] count = new EventFrameEncoder(input(34, 34, InputSpec.COUNT)).frames(t, x, y, p, 6, 0);
    int on = 34 * 34 + 2 * 34 + 3;
    int off = 2 * 34 + 3;
    assertThat(count[0][on]).isEqualTo(2f);
    assertThat(count[0][off]).isEqualTo(1f);
    assertThat(count[1][on]).isEqualTo(1f);
    assertThat(count[1][on + 1]).isEqualTo(1f);
    float total = 0;
    for (float[] f : count) {
      for (float v : f) {
        total += v;
      }
    }
    assertThat(total).as("the event at 5000 us is outside the 4 ms window").isEqualTo(5f);
    float[][] binary = new EventFrameEncoder(input(34, 34, InputSpec.BINARY)).frames(t, x, y, p, 6, 0);
    assertThat(binary[0][on]).isEqualTo(1f);
  }
}
