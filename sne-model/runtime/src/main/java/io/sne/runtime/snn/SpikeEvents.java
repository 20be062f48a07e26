package io.sne.runtime.snn;

/**
 * The active sources of one time step, in ascending index order: what propagates. {@code value} is
 * what the synapse multiplies (1 for a spike, a count or pooled sum, an analog pixel), {@code count}
 * how many physical events it stands for (what a synaptic-op counter charges). Each index occurs at
 * most once, so capacity = number of sources and nothing grows in the hot loop.
 */
public final class SpikeEvents {
  final int[] index;
  final float[] value;
  final int[] count;
  int size;

  public SpikeEvents(int capacity) {
    index = new int[capacity];
    value = new float[capacity];
    count = new int[capacity];
  }

  public void clear() {
    size = 0;
  }

  public void add(int sourceIndex, float v, int events) {
    index[size] = sourceIndex;
    value[size] = v;
    count[size] = events;
    size++;
  }

  public int size() {
    return size;
  }

  public int index(int i) {
    return index[i];
  }

  public float value(int i) {
    return value[i];
  }

  public int count(int i) {
    return count[i];
  }

  public int capacity() {
    return index.length;
  }
}
