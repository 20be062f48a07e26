package io.sne.runtime.model;

import java.util.Arrays;

/** A named float32 tensor, row-major. Immutable: {@link #data()} returns a copy. */
public final class Tensor {
  private final String name;
  private final int[] shape;
  private final float[] data;

  public Tensor(String name, int[] shape, float[] data) {
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
    this.data = data.clone();
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
