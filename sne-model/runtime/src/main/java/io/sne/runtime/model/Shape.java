package io.sne.runtime.model;

/** Size of a layer's input or output: channels x height x width (a dense layer is out x 1 x 1). */
public record Shape(int channels, int height, int width) {
  public int size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
