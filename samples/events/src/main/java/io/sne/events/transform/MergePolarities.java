package io.sne.events.transform;

import io.sne.events.EventBuffer;

/** One channel instead of ON/OFF (Tonic MergePolarities): every event gets polarity 0. */
public final class MergePolarities implements EventTransform {
  @Override
  public void apply(EventBuffer in, EventBuffer out) {
    for (int i = 0; i < in.size(); i++) {
      out.add(in.t(i), in.x(i), in.y(i), 0);
    }
  }
}
