package io.sne.ingest.udp;

/**
 * One 32-bit SPIF-style event word, as sent by SpiNNaker SPIF and camera streaming bridges:
 *
 * <pre>
 *   bit 31      1 = no timestamp follows; 0 = the next word is this event's timestamp (us, 32 bit)
 *   bits 30..16 x (column)
 *   bit 15      polarity (1 = ON)
 *   bits 14..0  y (row)
 * </pre>
 *
 * Static helpers only, so the decode loop works on plain ints without allocating.
 */
public final class SpifWord {
  /** Largest coordinate a word can carry (15 bits). */
  public static final int MAX_COORDINATE = 0x7FFF;

  private static final int NO_TIMESTAMP_BIT = 0x8000_0000;
  private static final int POLARITY_BIT = 0x8000;

  private SpifWord() {}

  public static boolean timestampFollows(int word) {
    return (word & NO_TIMESTAMP_BIT) == 0;
  }

  public static int x(int word) {
    return (word >>> 16) & MAX_COORDINATE;
  }

  public static int y(int word) {
    return word & MAX_COORDINATE;
  }

  public static boolean on(int word) {
    return (word & POLARITY_BIT) != 0;
  }
}
