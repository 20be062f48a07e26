package io.sne.events.format;

import io.sne.events.EventFormat;
import io.sne.events.EventReader;
import java.io.IOException;
import java.nio.file.Path;

/** The reader of each format. */
public final class Readers {
  private Readers() {}

  public static EventReader open(Path file, EventFormat format) throws IOException {
    return switch (format) {
      case EVT2 -> new Evt2Reader(file);
      default -> throw new IOException(file + ": no reader for " + format.description() + " yet");
    };
  }
}
