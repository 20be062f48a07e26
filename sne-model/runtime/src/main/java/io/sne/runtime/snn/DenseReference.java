package io.sne.runtime.snn;

import io.sne.runtime.model.LayerSpec;
import io.sne.runtime.model.LifSpec;
import io.sne.runtime.model.Shape;
import io.sne.runtime.model.SneModel;
import io.sne.runtime.model.StudentGeometry;
import io.sne.runtime.model.StudentSpec;
import io.sne.runtime.model.TensorNames;

/**
 * The same maths as {@link StudentNetwork}, written the plain way: every neuron, every input, every
 * step, straight from the file's tensors in channel-major (c, y, x) layout, by gathering. It is the
 * oracle for the event-driven runtime and the "dense" side of the speed comparison.
 *
 * <p>Float sums depend on order, so the maths fixes one: a neuron's input current is the sum of its
 * contributions in ascending channels-last (y, x, c) order of the source, i.e. (ky, kx, c) for a
 * convolution. Both implementations follow it, which is what makes their spikes identical.
 */
public final class DenseReference {
  private final StudentSpec spec;
  private final StudentGeometry geometry;
  private final float[][] weights;
  private final float[][] biases;
  private final float[] readoutWeight;
  private final float[] readoutBias;
  private final int timeSteps;
  private final float[][] membrane;
  private final float[] readoutSum;
  private final float[][] outputs; // per layer, channel-major
  private final int[][] sourceOrder; // per layer and readout: channel-major index of the i-th source in canonical order

  public DenseReference(SneModel model, int student) {
    spec = model.student(student);
    geometry = StudentGeometry.of(student, spec, model.input());
    int n = spec.layers().size();
    weights = new float[n][];
    biases = new float[n][];
    membrane = new float[n][];
    outputs = new float[n][];
    sourceOrder = new int[n + 1][];
    for (int j = 0; j < n; j++) {
      Shape out = geometry.layerOutput(j);
      weights[j] = model.values(TensorNames.layerWeight(student, j), 0);
      biases[j] = model.values(TensorNames.layerBias(student, j), out.channels());
      membrane[j] = new float[out.size()];
      outputs[j] = new float[out.size()];
      sourceOrder[j] = canonicalOrder(geometry.layerInput(j));
    }
    sourceOrder[n] = canonicalOrder(geometry.readoutInput());
    readoutWeight = model.values(TensorNames.readoutWeight(student), 0);
    readoutBias = model.values(TensorNames.readoutBias(student), spec.readout().out());
    readoutSum = new float[spec.readout().out()];
    timeSteps = model.input().timeSteps();
  }

  /** One step on a dense channel-major input frame; returns nothing, see {@link #spikes(int)}. */
  public void step(float[] frame) {
    float[] x = frame;
    for (int j = 0; j < spec.layers().size(); j++) {
      LayerSpec layer = spec.layers().get(j);
      Shape in = geometry.layerInput(j);
      Shape out = geometry.layerOutput(j);
      float[] y = outputs[j];
      if (layer instanceof LayerSpec.Conv c) {
        conv(x, in, out, c, weights[j], biases[j], membrane[j], y);
      } else if (layer instanceof LayerSpec.Dense d) {
        dense(x, sourceOrder[j], d.out(), weights[j], biases[j], membrane[j], y, d.lif());
      } else if (layer instanceof LayerSpec.Pool p) {
        pool(x, in, out, p, y);
      }
      x = y;
    }
    int[] order = sourceOrder[spec.layers().size()];
    for (int o = 0; o < readoutSum.length; o++) {
      float acc = readoutSum[o];
      for (int file : order) {
        acc += x[file] * readoutWeight[o * order.length + file];
      }
      readoutSum[o] = acc;
    }
  }

  /** Layer j's output of the last step, channel-major: 1/0 spikes, or pooled values. */
  public float[] spikes(int layer) {
    return outputs[layer].clone();
  }

  public float[] output() {
    float[] out = new float[readoutSum.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = readoutSum[i] / timeSteps + readoutBias[i];
    }
    return out;
  }

  private static void conv(float[] x, Shape in, Shape out, LayerSpec.Conv c, float[] w, float[] bias, float[] v,
      float[] spikes) {
    int k = c.kernel();
    for (int o = 0; o < out.channels(); o++) {
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          float sum = 0f;
          for (int ky = 0; ky < k; ky++) {
            int iy = oy * c.stride() - c.padding() + ky;
            if (iy < 0 || iy >= in.height()) {
              continue;
            }
            for (int kx = 0; kx < k; kx++) {
              int ix = ox * c.stride() - c.padding() + kx;
              if (ix < 0 || ix >= in.width()) {
                continue;
              }
              for (int ci = 0; ci < in.channels(); ci++) {
                sum += x[(ci * in.height() + iy) * in.width() + ix] * w[((o * in.channels() + ci) * k + ky) * k + kx];
              }
            }
          }
          int j = (o * out.height() + oy) * out.width() + ox;
          spikes[j] = fire(v, j, sum + bias[o], c.lif());
        }
      }
    }
  }

  private static int[] canonicalOrder(Shape s) {
    int[] order = new int[s.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = Layouts.toChannelMajor(i, s);
    }
    return order;
  }

  private static void dense(float[] x, int[] order, int outs, float[] w, float[] bias, float[] v, float[] spikes,
      LifSpec lif) {
    for (int o = 0; o < outs; o++) {
      float sum = 0f;
      for (int file : order) {
        sum += x[file] * w[o * order.length + file];
      }
      spikes[o] = fire(v, o, sum + bias[o], lif);
    }
  }

  private static float fire(float[] v, int j, float current, LifSpec lif) {
    float u = lif.beta() * v[j] + current;
    float spike = 0f;
    if (u >= lif.threshold()) {
      spike = 1f;
      u = lif.subtractiveReset() ? u - lif.threshold() : 0f;
    }
    v[j] = u;
    return spike;
  }

  private static void pool(float[] x, Shape in, Shape out, LayerSpec.Pool p, float[] y) {
    int k = p.kernel();
    float divisor = LayerSpec.Pool.AVG.equals(p.mode()) ? k * k : 1f;
    for (int c = 0; c < out.channels(); c++) {
      for (int py = 0; py < out.height(); py++) {
        for (int px = 0; px < out.width(); px++) {
          float sum = 0f;
          for (int dy = 0; dy < k; dy++) {
            for (int dx = 0; dx < k; dx++) {
              sum += x[(c * in.height() + py * k + dy) * in.width() + px * k + dx];
            }
          }
          y[(c * out.height() + py) * out.width() + px] = sum / divisor;
        }
      }
    }
  }
}
