package io.sne.events;

import java.io.Closeable;
import java.io.IOException;

/** Writes events, in non-decreasing time order, to one recording. */
public interface EventWriter extends Closeable {
  void write(EventBuffer events) throws IOException;
}
