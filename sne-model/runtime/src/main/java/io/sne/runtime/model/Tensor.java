package io.sne.runtime.model;

import java.util.Arrays;

/**
 * A named tensor, row-major, float32 in memory and stored in the file as {@link #dtype()}.
 * Immutable: {@link #data()} returns a copy.
 */
public final class Tensor {
  private final String name;
  private final int[] shape;
  private final float[] data;
  private final DType dtype;

  public Tensor(String name, int[] shape, float[] data) {
    this(name, shape, data, DType.F32);
  }

  /**
   * A tensor to be stored as dtype: its values are rounded to what dtype holds (to nearest even),
   * so the model in memory is the model the file gives back.
   *
   * @throws IllegalArgumentException when a finite value is out of the dtype's range
   */
  public Tensor(String name, int[] shape, float[] data, DType dtype) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor " + name + ": negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " holds " + n
          + " values, got " + data.length);
    }
    this.name = name;
    this.shape = shape.clone();
    this.dtype = dtype;
    this.data = data.clone();
    for (int i = 0; i < this.data.length; i++) {
      float v = dtype.round(this.data[i]);
      if (Float.isInfinite(v) && Float.isFinite(this.data[i])) {
        throw new IllegalArgumentException("tensor " + name + ": value " + this.data[i] + " at index " + i
            + " is beyond the range of " + dtype + " (at most " + HalfPrecision.MAX_HALF + " for F16)");
      }
      this.data[i] = v;
    }
  }

  /** The same values stored as another dtype (rounded to it). */
  public Tensor as(DType other) {
    return other == dtype ? this : new Tensor(name, shape, data, other);
  }

  public DType dtype() {
    return dtype;
  }

  public String name() {
    return name;
  }

  public int[] shape() {
    return shape.clone();
  }

  public float[] data() {
    return data.clone();
  }

  public int size() {
    return data.length;
  }

  float[] dataUnsafe() {
    return data;
  }
}
