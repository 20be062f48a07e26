package io.sne.runtime.model;

import java.nio.ByteBuffer;

/**
 * How a tensor's values are stored in the file (the safetensors dtype). In memory every tensor is
 * float32; a tensor stored narrower holds exactly the values its dtype can represent, so saving and
 * loading again gives the same bits and the same checksum.
 */
public enum DType {
  F32(4), F16(2), BF16(2), I32(4);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  /** The value this dtype stores for v (v itself for F32; I32 tensors come only from files). */
  public float round(float v) {
    return switch (this) {
      case F32, I32 -> v;
      case F16 -> HalfPrecision.roundToHalf(v);
      case BF16 -> HalfPrecision.bfloat16ToFloat(HalfPrecision.toBfloat16Bits(v));
    };
  }

  float get(ByteBuffer data, int index) {
    return switch (this) {
      case F32 -> data.getFloat(index * 4);
      case I32 -> data.getInt(index * 4);
      case F16 -> HalfPrecision.halfToFloat(data.getShort(index * 2));
      case BF16 -> HalfPrecision.bfloat16ToFloat(data.getShort(index * 2));
    };
  }

  void put(ByteBuffer data, float v) {
    switch (this) {
      case F32 -> data.putFloat(v);
      case I32 -> data.putInt((int) v);
      case F16 -> data.putShort(HalfPrecision.toHalfBits(v));
      case BF16 -> data.putShort(HalfPrecision.toBfloat16Bits(v));
    }
  }

  /** The dtype a narrower student storage names in a training config ("f32", "f16", "bf16"). */
  public static DType ofStorage(String name) {
    DType d = parse(name.toUpperCase(java.util.Locale.ROOT));
    if (d == null || d == I32) {
      throw new IllegalArgumentException("storage must be f32, f16 or bf16, got '" + name + "'");
    }
    return d;
  }

  /** The safetensors name, or null when the runtime does not read it. */
  static DType parse(String name) {
    for (DType d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }
}
