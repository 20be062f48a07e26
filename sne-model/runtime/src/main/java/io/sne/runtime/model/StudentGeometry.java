package io.sne.runtime.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The input and output shape of every layer of a student, derived from the model input and the
 * layer specs; checks that consecutive layers fit together.
 */
public final class StudentGeometry {
  private final List<Shape> inputs;
  private final List<Shape> outputs;

  private StudentGeometry(List<Shape> inputs, List<Shape> outputs) {
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  /** @throws IllegalArgumentException naming the student and layer that does not fit */
  public static StudentGeometry of(int studentIndex, StudentSpec student, InputSpec input) {
    List<Shape> ins = new ArrayList<>();
    List<Shape> outs = new ArrayList<>();
    Shape s = new Shape(input.channels(), input.height(), input.width());
    for (int j = 0; j < student.layers().size(); j++) {
      ins.add(s);
      s = outputShape("students[" + studentIndex + "].layers[" + j + "]", student.layers().get(j), s);
      outs.add(s);
    }
    ReadoutSpec r = student.readout();
    if (r == null) {
      throw new IllegalArgumentException("students[" + studentIndex + "]: missing readout");
    }
    if (r.in() != s.size()) {
      throw new IllegalArgumentException("students[" + studentIndex + "].readout: in=" + r.in()
          + " but the last layer outputs " + s + " = " + s.size() + " values");
    }
    ins.add(s);
    return new StudentGeometry(ins, outs);
  }

  /**
   * The output shape of one layer given its input shape.
   *
   * @param where names the layer in error messages
   * @throws IllegalArgumentException when the layer does not fit its input
   */
  public static Shape outputShape(String where, LayerSpec layer, Shape s) {
    if (layer instanceof LayerSpec.Conv c) {
      if (c.in() != s.channels()) {
        throw new IllegalArgumentException(where + ": conv in=" + c.in() + " but its input has " + s.channels()
            + " channels (" + s + ")");
      }
      int h = (s.height() + 2 * c.padding() - c.kernel()) / c.stride() + 1;
      int w = (s.width() + 2 * c.padding() - c.kernel()) / c.stride() + 1;
      if (s.height() + 2 * c.padding() < c.kernel() || s.width() + 2 * c.padding() < c.kernel()) {
        throw new IllegalArgumentException(where + ": conv kernel " + c.kernel() + " does not fit input " + s);
      }
      return new Shape(c.out(), h, w);
    } else if (layer instanceof LayerSpec.Dense d) {
      if (d.in() != s.size()) {
        throw new IllegalArgumentException(where + ": dense in=" + d.in() + " but its input " + s + " has "
            + s.size() + " values");
      }
      return new Shape(d.out(), 1, 1);
    }
    LayerSpec.Pool p = (LayerSpec.Pool) layer;
    if (s.height() < p.kernel() || s.width() < p.kernel()) {
      throw new IllegalArgumentException(where + ": pool kernel " + p.kernel() + " larger than input " + s);
    }
    return new Shape(s.channels(), s.height() / p.kernel(), s.width() / p.kernel());
  }

  public Shape layerInput(int layer) {
    return inputs.get(layer);
  }

  public Shape layerOutput(int layer) {
    return outputs.get(layer);
  }

  public Shape readoutInput() {
    return inputs.get(inputs.size() - 1);
  }

  public int layerCount() {
    return outputs.size();
  }
}
