package io.sne.runtime.snn;

import io.sne.runtime.model.SneModel;

/** Lets tests in other packages draw the same random architectures. */
public final class RandomArchitecturesAccess {
  private RandomArchitecturesAccess() {}

  public static SneModel model(long seed, boolean events) {
    return RandomArchitectures.model(seed, events);
  }
}
