package io.sne.runtime.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One layer of a student, as the manifest describes it ({@code "type"}: conv, dense or pool). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LayerSpec.Conv.class, name = "conv"),
  @JsonSubTypes.Type(value = LayerSpec.Dense.class, name = "dense"),
  @JsonSubTypes.Type(value = LayerSpec.Pool.class, name = "pool")
})
public sealed interface LayerSpec {

  /** Spiking 2-D convolution; weight {@code [out, in, kernel, kernel]}, square kernel. */
  record Conv(int in, int out, int kernel, int stride, int padding, LifSpec lif) implements LayerSpec {
    public Conv {
      if (stride == 0) {
        stride = 1;
      }
      if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
        throw new IllegalArgumentException("conv layer needs in, out, kernel, stride > 0 and padding >= 0");
      }
      if (lif == null) {
        throw new IllegalArgumentException("conv layer needs 'lif'");
      }
    }
  }

  /** Spiking fully connected layer; weight {@code [out, in]}, {@code in} in channel-major (C,H,W) order. */
  record Dense(int in, int out, LifSpec lif) implements LayerSpec {
    public Dense {
      if (in <= 0 || out <= 0) {
        throw new IllegalArgumentException("dense layer needs in, out > 0");
      }
      if (lif == null) {
        throw new IllegalArgumentException("dense layer needs 'lif'");
      }
    }
  }

  /** Sum or average of spikes over non-overlapping {@code kernel x kernel} blocks (floor mode). */
  record Pool(String mode, int kernel) implements LayerSpec {
    public static final String SUM = "sum";
    public static final String AVG = "avg";

    public Pool {
      if (mode == null) {
        mode = SUM;
      }
      if (!mode.equals(SUM) && !mode.equals(AVG)) {
        throw new IllegalArgumentException("pool.mode must be 'sum' or 'avg', got '" + mode + "'");
      }
      if (kernel <= 0) {
        throw new IllegalArgumentException("pool.kernel must be > 0");
      }
    }
  }
}
