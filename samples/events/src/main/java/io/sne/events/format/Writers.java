package io.sne.events.format;

import io.sne.events.EventFormat;
import io.sne.events.EventWriter;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.file.Path;

/** The formats SNE writes: EVT 2.0, EVT 3.0, AEDAT 4.0 (LZ4) and CSV. */
public final class Writers {
  private Writers() {}

  public static EventWriter open(Path file, EventFormat format, SensorGeometry geometry) throws IOException {
    return switch (format) {
      case EVT2 -> new Evt2Writer(file, geometry);
      case EVT3 -> new Evt3Writer(file, geometry);
      case AEDAT4 -> new Aedat4Writer(file, geometry, Aedat4Compression.LZ4);
      case CSV -> new CsvWriter(file, geometry);
      default -> throw new IllegalArgumentException("SNE does not write " + format.description()
          + "; it writes evt2, evt3, aedat4 and csv");
    };
  }
}
