package io.sne.events.format;

import io.sne.events.EventBuffer;
import io.sne.events.EventWriter;
import io.sne.events.SensorGeometry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes text events "t,x,y,p" (µs, polarity 1/0) after "# geometry WxH" and a column header. */
public final class CsvWriter implements EventWriter {
  private final BufferedWriter out;

  public CsvWriter(Path file, SensorGeometry geometry) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
    if (geometry.isKnown()) {
      out.write("# geometry " + geometry.width() + "x" + geometry.height() + "\n");
    }
    out.write("t,x,y,p\n");
  }

  @Override
  public void write(EventBuffer events) throws IOException {
    StringBuilder line = new StringBuilder(32);
    for (int i = 0; i < events.size(); i++) {
      line.setLength(0);
      line.append(events.t(i)).append(',').append(events.x(i)).append(',').append(events.y(i)).append(',')
          .append(events.p(i)).append('\n');
      out.append(line);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
