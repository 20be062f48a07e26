package io.sne.events.packet;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Read-only List views over copies of primitive columns, for the Avro EventPacket's array fields:
 * cheaper than filling an ArrayList with boxed values, and the packet owns its copy.
 */
final class PrimitiveLists {
  private PrimitiveLists() {}

  static List<Long> longs(long[] values, int from, int to) {
    long[] copy = Arrays.copyOfRange(values, from, to);
    return new Longs(copy);
  }

  static List<Integer> ints(int[] values, int from, int to) {
    int[] copy = Arrays.copyOfRange(values, from, to);
    return new Ints(copy);
  }

  private static final class Longs extends AbstractList<Long> implements RandomAccess {
    private final long[] values;

    Longs(long[] values) {
      this.values = values;
    }

    @Override
    public Long get(int index) {
      return values[index];
    }

    @Override
    public int size() {
      return values.length;
    }
  }

  private static final class Ints extends AbstractList<Integer> implements RandomAccess {
    private final int[] values;

    Ints(int[] values) {
      this.values = values;
    }

    @Override
    public Integer get(int index) {
      return values[index];
    }

    @Override
    public int size() {
      return values.length;
    }
  }
}
