package io.sne.runtime.snn;

import io.sne.runtime.model.Shape;

/**
 * Index conversions between the file's channel-major order (c, y, x) — how tensors and the
 * encoder's frames are laid out, as in PyTorch — and the runtime's channels-last order (y, x, c),
 * where one source's targets are contiguous.
 */
public final class Layouts {
  private Layouts() {}

  /** Channels-last index -> channel-major index. */
  public static int toChannelMajor(int channelsLast, Shape s) {
    int c = channelsLast % s.channels();
    int pix = channelsLast / s.channels();
    return c * s.height() * s.width() + pix;
  }

  /** Channel-major index -> channels-last index. */
  public static int toChannelsLast(int channelMajor, Shape s) {
    int hw = s.height() * s.width();
    int c = channelMajor / hw;
    int pix = channelMajor - c * hw;
    return pix * s.channels() + c;
  }

  /** Table of {@link #toChannelsLast} for every index of the shape. */
  public static int[] channelsLastTable(Shape s) {
    int[] table = new int[s.size()];
    for (int i = 0; i < table.length; i++) {
      table[i] = toChannelsLast(i, s);
    }
    return table;
  }
}
