package io.sne.events;

import java.util.Arrays;

/**
 * A growable, columnar list of DVS events: timestamps in microseconds, pixel column x, pixel row y
 * and polarity (1 = ON, 0 = OFF). Columns (struct of arrays) keep decoding, transforms and the Avro
 * packet encoding free of per-event objects. The backing arrays are exposed for tight loops; only
 * the first {@link #size()} entries are valid.
 */
public final class EventBuffer {
  private long[] timestampsUs;
  private int[] xs;
  private int[] ys;
  private byte[] polarities;
  private int size;

  public EventBuffer() {
    this(1024);
  }

  public EventBuffer(int initialCapacity) {
    int capacity = Math.max(1, initialCapacity);
    timestampsUs = new long[capacity];
    xs = new int[capacity];
    ys = new int[capacity];
    polarities = new byte[capacity];
  }

  /** Wraps copies of the given columns (all of the same length). */
  public static EventBuffer of(long[] timestampsUs, int[] xs, int[] ys, byte[] polarities) {
    int n = timestampsUs.length;
    if (xs.length != n || ys.length != n || polarities.length != n) {
      throw new IllegalArgumentException(
          "columns differ in length: t=" + n + " x=" + xs.length + " y=" + ys.length + " p=" + polarities.length);
    }
    EventBuffer buffer = new EventBuffer(n);
    System.arraycopy(timestampsUs, 0, buffer.timestampsUs, 0, n);
    System.arraycopy(xs, 0, buffer.xs, 0, n);
    System.arraycopy(ys, 0, buffer.ys, 0, n);
    System.arraycopy(polarities, 0, buffer.polarities, 0, n);
    buffer.size = n;
    return buffer;
  }

  public void add(long timestampUs, int x, int y, int polarity) {
    if (size == timestampsUs.length) {
      grow(size + 1);
    }
    timestampsUs[size] = timestampUs;
    xs[size] = x;
    ys[size] = y;
    polarities[size] = (byte) (polarity != 0 ? 1 : 0);
    size++;
  }

  /** Appends events [from, to) of another buffer. */
  public void addAll(EventBuffer other, int from, int to) {
    int n = to - from;
    ensureCapacity(size + n);
    System.arraycopy(other.timestampsUs, from, timestampsUs, size, n);
    System.arraycopy(other.xs, from, xs, size, n);
    System.arraycopy(other.ys, from, ys, size, n);
    System.arraycopy(other.polarities, from, polarities, size, n);
    size += n;
  }

  public void addAll(EventBuffer other) {
    addAll(other, 0, other.size);
  }

  public void ensureCapacity(int capacity) {
    if (capacity > timestampsUs.length) {
      grow(capacity);
    }
  }

  private void grow(int minCapacity) {
    int capacity = Math.max(minCapacity, timestampsUs.length + (timestampsUs.length >> 1) + 16);
    timestampsUs = Arrays.copyOf(timestampsUs, capacity);
    xs = Arrays.copyOf(xs, capacity);
    ys = Arrays.copyOf(ys, capacity);
    polarities = Arrays.copyOf(polarities, capacity);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void clear() {
    size = 0;
  }

  /**
   * Sets the number of valid events after a decoder wrote straight into the backing arrays (after
   * {@link #ensureCapacity}); avoids a method call per event in the hot loops.
   */
  public void setSize(int newSize) {
    if (newSize < 0 || newSize > timestampsUs.length) {
      throw new IndexOutOfBoundsException("size " + newSize + " exceeds capacity " + timestampsUs.length);
    }
    size = newSize;
  }

  /** Keeps the first {@code newSize} events. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IndexOutOfBoundsException("truncate to " + newSize + " of " + size);
    }
    size = newSize;
  }

  public long t(int i) {
    return timestampsUs[i];
  }

  public int x(int i) {
    return xs[i];
  }

  public int y(int i) {
    return ys[i];
  }

  public int p(int i) {
    return polarities[i];
  }

  /** Backing timestamp column (µs); valid up to {@link #size()}. */
  public long[] timestampsUs() {
    return timestampsUs;
  }

  public int[] xs() {
    return xs;
  }

  public int[] ys() {
    return ys;
  }

  public byte[] polarities() {
    return polarities;
  }

  public EventBuffer copy() {
    EventBuffer copy = new EventBuffer(size);
    copy.addAll(this);
    return copy;
  }

  /** Copy of events [from, to). */
  public EventBuffer slice(int from, int to) {
    EventBuffer slice = new EventBuffer(to - from);
    slice.addAll(this, from, to);
    return slice;
  }

  public long countOn() {
    long on = 0;
    for (int i = 0; i < size; i++) {
      on += polarities[i];
    }
    return on;
  }

  public boolean isTimeOrdered() {
    for (int i = 1; i < size; i++) {
      if (timestampsUs[i] < timestampsUs[i - 1]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EventBuffer other) || other.size != size) {
      return false;
    }
    return Arrays.equals(timestampsUs, 0, size, other.timestampsUs, 0, size)
        && Arrays.equals(xs, 0, size, other.xs, 0, size)
        && Arrays.equals(ys, 0, size, other.ys, 0, size)
        && Arrays.equals(polarities, 0, size, other.polarities, 0, size);
  }

  @Override
  public int hashCode() {
    int h = size;
    for (int i = 0; i < size; i++) {
      h = 31 * h + Long.hashCode(timestampsUs[i]);
      h = 31 * h + (xs[i] << 16 ^ ys[i] << 1 ^ polarities[i]);
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("EventBuffer[").append(size).append(" events");
    for (int i = 0; i < Math.min(size, 3); i++) {
      s.append(i == 0 ? ": " : ", ").append(describe(i));
    }
    return s.append(size > 3 ? ", ...]" : "]").toString();
  }

  /** "(t, x, y, p)" as the sample README lists events. */
  public String describe(int i) {
    return "(" + timestampsUs[i] + ", " + xs[i] + ", " + ys[i] + ", " + polarities[i] + ")";
  }
}
