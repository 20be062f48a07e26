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
      case NMNIST_BIN -> new NmnistReader(file);
      case PROPHESEE_DAT -> new DatReader(file);
      case EVT2 -> new Evt2Reader(file);
      case EVT3 -> new Evt3Reader(file);
      case AEDAT4 -> new Aedat4Reader(file);
      case AEDAT2 -> new Aedat2Reader(file);
      case CSV -> new CsvReader(file);
    };
  }
}
