package io.sne.runtime.snn;

/**
 * Integer counts per index for one step (input events per pixel, spikes per pooling block), drained
 * in ascending index order so that every downstream sum is formed in the canonical order. The touched
 * indices are kept as a bitmap: adding is two stores without a branch, and draining walks the set
 * bits word by word, in order without a sort and without testing every slot. Half the time of the
 * sort-or-scan it replaces at 100 to 1,500 events per step on the 2x34x34 input; never a per-step
 * allocation.
 */
public final class CountAccumulator {
  private final int[] counts;
  private final long[] touched; // bit i of word i / 64: counts[i] may be non-zero

  public CountAccumulator(int size) {
    counts = new int[size];
    touched = new long[(size + 63) >>> 6];
  }

  public void add(int index, int n) {
    counts[index] += n;
    touched[index >>> 6] |= 1L << index; // a long shift takes the index mod 64
  }

  /**
   * Emits each non-zero count as {@code value = count / divisor} (or 1 when {@code binary}) and
   * clears. The division (not a multiply by 1/divisor) matches how the reference averages a pool.
   */
  public void drainTo(SpikeEvents out, boolean binary, float divisor) {
    out.clear();
    final long[] words = touched;
    final int[] c = counts;
    for (int w = 0; w < words.length; w++) {
      long bits = words[w];
      if (bits == 0) {
        continue;
      }
      words[w] = 0;
      int base = w << 6;
      do {
        int i = base + Long.numberOfTrailingZeros(bits);
        int k = c[i];
        if (k != 0) {
          out.add(i, binary ? 1f : k / divisor, binary ? 1 : k);
          c[i] = 0;
        }
        bits &= bits - 1;
      } while (bits != 0);
    }
  }

  public void clear() {
    for (int w = 0; w < touched.length; w++) {
      for (long bits = touched[w]; bits != 0; bits &= bits - 1) {
        counts[(w << 6) + Long.numberOfTrailingZeros(bits)] = 0;
      }
      touched[w] = 0;
    }
  }
}
