package io.sne.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/** The few functional layers the teacher and students use, with the runtime's conventions. */
public final class Ops {
  private Ops() {}

  /** Square kernel, given stride and symmetric zero padding; weight [out, in, k, k]. */
  public static NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
    return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
  }

  /** x [B, in] times weight [out, in] transposed plus bias. */
  public static NDArray dense(NDArray x, NDArray weight, NDArray bias) {
    return Linear.linear(x, weight, bias).singletonOrThrow();
  }

  public static NDArray maxPool(NDArray x, int k) {
    return Pool.maxPool2d(x, new Shape(k, k), new Shape(k, k), new Shape(0, 0), false);
  }

  /** Non-overlapping k x k pooling; floor on odd sizes (as the runtime). sum = avg * k^2. */
  public static NDArray spikePool(NDArray x, int k, boolean sum) {
    NDArray avg = Pool.avgPool2d(x, new Shape(k, k), new Shape(k, k), new Shape(0, 0), false, true);
    return sum ? avg.mul(k * k) : avg;
  }

  /** Mean cross-entropy of logits [B, C] against integer labels [B]. */
  public static NDArray crossEntropy(NDArray logits, NDArray labels) {
    NDArray logp = logits.logSoftmax(1);
    NDArray oneHot = labels.oneHot((int) logits.getShape().get(1));
    return logp.mul(oneHot).sum(new int[] {1}).mean().neg();
  }

  public static boolean finite(NDArray scalar) {
    float v = scalar.getFloat();
    return Float.isFinite(v);
  }
}
