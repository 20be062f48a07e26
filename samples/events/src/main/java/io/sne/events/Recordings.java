package io.sne.events;

import io.sne.events.format.FormatDetector;
import io.sne.events.format.Readers;
import java.io.IOException;
import java.nio.file.Path;

/** Entry point for reading recordings whatever their format. */
public final class Recordings {
  private Recordings() {}

  /** Opens a recording, detecting its format from the header (the extension is a hint). */
  public static EventReader open(Path file) throws IOException {
    return Readers.open(file, FormatDetector.detect(file));
  }

  public static EventReader open(Path file, EventFormat format) throws IOException {
    return Readers.open(file, format);
  }

  /** Reads every event of a recording into memory (for small recordings and tests). */
  public static EventBuffer readAll(Path file) throws IOException {
    try (EventReader reader = open(file)) {
      return readAll(reader);
    }
  }

  public static EventBuffer readAll(EventReader reader) throws IOException {
    EventBuffer all = new EventBuffer();
    EventBuffer packet = new EventBuffer();
    while (reader.next(packet)) {
      all.addAll(packet);
    }
    return all;
  }
}
