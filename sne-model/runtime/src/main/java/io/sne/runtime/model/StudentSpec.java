package io.sne.runtime.model;

import java.util.List;

/** A student: spiking layers in order, then the readout that predicts its feature slice. */
public record StudentSpec(List<LayerSpec> layers, ReadoutSpec readout) {
  public StudentSpec {
    layers = List.copyOf(layers);
  }
}
