package io.sne.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sne.runtime.model.DType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Named trainable tensors with an Adam optimiser. The networks here are written functionally
 * (conv2d/linear over these tensors) so that the exported weights are exactly what was trained
 * and the LIF maths is visible in one place rather than hidden in a Block hierarchy.
 */
public final class Params implements AutoCloseable {
  private final NDManager manager;
  private final Map<String, NDArray> tensors = new LinkedHashMap<>();
  private Optimizer optimizer;
  private float learningRate;

  public Params(NDManager parent) {
    this.manager = parent.newSubManager();
  }

  public NDManager manager() {
    return manager;
  }

  /** Kaiming-uniform (fan-in) initialised weight, seeded: reproducible across runs. */
  public NDArray kaiming(String name, Random rng, float gain, long... shape) {
    long fanIn = 1;
    for (int i = 1; i < shape.length; i++) fanIn *= shape[i];
    float bound = (float) (gain * Math.sqrt(3.0 / fanIn));
    float[] v = new float[Math.toIntExact(new Shape(shape).size())];
    for (int i = 0; i < v.length; i++) v[i] = (rng.nextFloat() * 2 - 1) * bound;
    return put(name, manager.create(v, new Shape(shape)));
  }

  public NDArray zeros(String name, long... shape) {
    return put(name, manager.zeros(new Shape(shape)));
  }

  public NDArray put(String name, NDArray value) {
    NDArray old = tensors.put(name, value);
    if (old != null) old.close();
    value.setRequiresGradient(true);
    return value;
  }

  public NDArray get(String name) {
    NDArray t = tensors.get(name);
    if (t == null) throw new IllegalArgumentException("no parameter " + name + " (have " + tensors.keySet() + ")");
    return t;
  }

  public Map<String, NDArray> all() {
    return tensors;
  }

  public float[] values(String name) {
    return get(name).toFloatArray();
  }

  /** Adam with every gradient element clipped to [-1, 1]: BPTT through spikes can produce rare huge gradients. */
  public void useAdam(float learningRate) {
    this.learningRate = learningRate;
    Tracker current = update -> this.learningRate;
    optimizer = Optimizer.adam().optLearningRateTracker(current).optClipGrad(1f).build();
  }

  /** Changes the learning rate of the next steps, keeping Adam's moments (for a per-epoch schedule). */
  public void setLearningRate(float learningRate) {
    this.learningRate = learningRate;
  }

  /**
   * Rounds every tensor to what a narrower model-file storage holds, in place, so that what is
   * computed from here on (outputs, head, gate, parity) is computed with the stored weights.
   */
  public void roundTo(DType storage) {
    for (Map.Entry<String, NDArray> e : new LinkedHashMap<>(tensors).entrySet()) {
      float[] v = e.getValue().toFloatArray();
      for (int i = 0; i < v.length; i++) v[i] = storage.round(v[i]);
      put(e.getKey(), manager.create(v, e.getValue().getShape()));
    }
  }

  /** A copy of every tensor's values (to roll back a diverged epoch). */
  public Map<String, float[]> snapshot() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : tensors.entrySet()) out.put(e.getKey(), e.getValue().toFloatArray());
    return out;
  }

  public void restore(Map<String, float[]> snapshot) {
    for (Map.Entry<String, float[]> e : snapshot.entrySet()) {
      put(e.getKey(), manager.create(e.getValue(), get(e.getKey()).getShape()));
    }
  }

  /**
   * True when every gradient is finite; used to skip a step instead of poisoning the weights. Every
   * intermediate is closed here: they belong to the parameters' manager, which lives as long as the
   * network, so chained calls leaked three gradient-sized arrays per tensor and batch (native memory:
   * a full fmnist-direct run grew past the machine's 24 GB before its last student).
   */
  public boolean gradientsFinite() {
    for (NDArray t : tensors.values()) {
      try (NDArray g = t.getGradient(); NDArray nan = g.isNaN(); NDArray inf = g.isInfinite();
          NDArray either = nan.logicalOr(inf); NDArray bad = either.any()) {
        if (bad.getBoolean()) return false;
      }
    }
    return true;
  }

  /**
   * Takes an optimiser step when every gradient is finite and returns true; otherwise clears the
   * gradients and returns false. Clearing matters: libtorch accumulates into .grad and DJL zeroes
   * it only inside the optimiser's update, so a skipped step used to leave the NaN in place and
   * every later backward added to it: one bad batch silently skipped the rest of the epoch (977
   * skipped steps in the committed fmnist-direct run, reported as a "diverged" epoch).
   */
  public boolean stepIfFinite() {
    if (gradientsFinite()) {
      step();
      return true;
    }
    zeroGradients();
    return false;
  }

  /** Sets every gradient to exactly zero (also NaN ones, which subtracting a gradient from itself would keep). */
  public void zeroGradients() {
    for (NDArray t : tensors.values()) {
      JniUtils.zeroGrad(ptManager().from(t));
    }
  }

  private PtNDManager ptManager() {
    return (PtNDManager) manager;
  }

  public void step() {
    if (optimizer == null) throw new IllegalStateException("call useAdam first");
    for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
      try (NDArray g = e.getValue().getGradient()) {
        optimizer.update(e.getKey(), e.getValue(), g);
      }
    }
  }

  /** Writes name, shape and float values: the checkpoint format (weights only; Adam restarts). */
  public void save(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(tensors.size());
      for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
        out.writeUTF(e.getKey());
        long[] shape = e.getValue().getShape().getShape();
        out.writeInt(shape.length);
        for (long s : shape) out.writeLong(s);
        for (float f : e.getValue().toFloatArray()) out.writeFloat(f);
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Loads a checkpoint written by {@link #save}. Where this network already has its parameters (it
   * always does once built), the file must hold exactly those names with exactly those shapes;
   * nothing is loaded otherwise. Without the check a config whose architecture changed since the
   * checkpoint was written ran on silently: the tensors took the file's shapes, so the network was
   * the old one while the MACs, energy and export were computed from the new config.
   */
  public void load(Path file) throws IOException {
    Map<String, float[]> values = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        long[] shape = new long[in.readInt()];
        for (int d = 0; d < shape.length; d++) shape[d] = in.readLong();
        float[] v = new float[Math.toIntExact(new Shape(shape).size())];
        for (int j = 0; j < v.length; j++) v[j] = in.readFloat();
        values.put(name, v);
        shapes.put(name, shape);
      }
    } catch (java.io.EOFException e) {
      throw new IOException(file + ": checkpoint is truncated", e);
    }
    if (!tensors.isEmpty()) checkFits(file, shapes);
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      put(e.getKey(), manager.create(e.getValue(), new Shape(shapes.get(e.getKey()))));
    }
  }

  private void checkFits(Path file, Map<String, long[]> inFile) throws IOException {
    String hint = ": it was written by a run whose network differs from this config's (a changed layer size, "
        + "channel count or feature dimension); restore the config, or give the run a fresh workDir / teacher.checkpointDir";
    for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
      long[] here = e.getValue().getShape().getShape();
      long[] there = inFile.get(e.getKey());
      if (there == null) {
        throw new IOException(file + ": checkpoint has no parameter " + e.getKey() + " (it holds " + inFile.keySet() + ")" + hint);
      }
      if (!Arrays.equals(here, there)) {
        throw new IOException(file + ": parameter " + e.getKey() + " has shape " + Arrays.toString(there)
            + " in the checkpoint but " + Arrays.toString(here) + " in this network" + hint);
      }
    }
    for (String name : inFile.keySet()) {
      if (!tensors.containsKey(name)) {
        throw new IOException(file + ": checkpoint has parameter " + name + ", which this network does not" + hint);
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
