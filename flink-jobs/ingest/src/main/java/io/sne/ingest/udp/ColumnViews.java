package io.sne.ingest.udp;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Read-only {@link List} views over the first n entries of primitive arrays, to hand the
 * packetiser's reused columns to the generated Avro EventPacket without copying them into boxed lists.
 */
final class ColumnViews {
  private ColumnViews() {}

  static List<Long> longs(long[] values, int size) {
    return new LongView(values, size);
  }

  static List<Integer> ints(int[] values, int size) {
    return new IntView(values, size);
  }

  private static final class LongView extends AbstractList<Long> implements RandomAccess {
    private final long[] values;
    private final int size;

    LongView(long[] values, int size) {
      this.values = values;
      this.size = size;
    }

    @Override
    public Long get(int index) {
      return values[checkIndex(index, size)];
    }

    @Override
    public int size() {
      return size;
    }
  }

  private static final class IntView extends AbstractList<Integer> implements RandomAccess {
    private final int[] values;
    private final int size;

    IntView(int[] values, int size) {
      this.values = values;
      this.size = size;
    }

    @Override
    public Integer get(int index) {
      return values[checkIndex(index, size)];
    }

    @Override
    public int size() {
      return size;
    }
  }

  private static int checkIndex(int index, int size) {
    return java.util.Objects.checkIndex(index, size);
  }
}
