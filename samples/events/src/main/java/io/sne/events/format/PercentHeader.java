package io.sne.events.format;

import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text header of Prophesee RAW and DAT files: lines "% key value" before the binary data,
 * optionally closed by "% end". A line that is not printable text is binary data that happens to
 * start with '%', so the header stops there.
 */
final class PercentHeader {
  private static final int MAX_LINE_BYTES = 4096;
  private static final Pattern FORMAT_WIDTH = Pattern.compile("width=(\\d+)");
  private static final Pattern FORMAT_HEIGHT = Pattern.compile("height=(\\d+)");
  private static final Pattern GEOMETRY = Pattern.compile("(\\d+)\\s*x\\s*(\\d+)");

  private final List<String> lines;

  private PercentHeader(List<String> lines) {
    this.lines = lines;
  }

  static PercentHeader read(BinaryInput in) throws IOException {
    List<String> lines = new ArrayList<>();
    while (in.fill(MAX_LINE_BYTES) > 0) {
      ByteBuffer b = in.buffer();
      int start = b.position();
      if (b.get(start) != '%') {
        break;
      }
      int end = -1;
      boolean printable = true;
      for (int i = start + 1; i < b.limit() && i - start < MAX_LINE_BYTES; i++) {
        byte c = b.get(i);
        if (c == '\n') {
          end = i;
          break;
        }
        if ((c < 0x20 || c > 0x7e) && c != '\t' && c != '\r') {
          printable = false;
          break;
        }
      }
      if (end < 0 || !printable) {
        break;
      }
      String line = new String(b.array(), start + 1, end - start - 1, StandardCharsets.US_ASCII).strip();
      b.position(end + 1);
      if (line.equals("end")) {
        break;
      }
      lines.add(line);
    }
    return new PercentHeader(lines);
  }

  List<String> lines() {
    return lines;
  }

  /** The value of "% key value" (key compared case-insensitively), or null. */
  String value(String key) {
    for (String line : lines) {
      int space = line.indexOf(' ');
      if (space > 0 && line.substring(0, space).equalsIgnoreCase(key)) {
        return line.substring(space + 1).strip();
      }
    }
    return null;
  }

  /**
   * Sensor size from "% format EVT3;height=720;width=1280", "% geometry 1280x720" or
   * "% Width 304"/"% Height 240"; else from the camera plugin name for the sensors whose size is
   * fixed; else unknown.
   */
  SensorGeometry geometry() {
    String format = value("format");
    if (format != null) {
      Matcher w = FORMAT_WIDTH.matcher(format);
      Matcher h = FORMAT_HEIGHT.matcher(format);
      if (w.find() && h.find()) {
        return new SensorGeometry(Integer.parseInt(w.group(1)), Integer.parseInt(h.group(1)));
      }
    }
    String geometry = value("geometry");
    if (geometry != null) {
      Matcher m = GEOMETRY.matcher(geometry);
      if (m.find()) {
        return new SensorGeometry(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
    }
    String width = value("width");
    String height = value("height");
    if (width != null && height != null && width.matches("\\d+") && height.matches("\\d+")) {
      return new SensorGeometry(Integer.parseInt(width), Integer.parseInt(height));
    }
    String plugin = value("plugin_name");
    if (plugin != null) {
      String p = plugin.toLowerCase(Locale.ROOT);
      if (p.contains("gen3")) {
        return new SensorGeometry(640, 480);
      }
      if (p.contains("gen4") || p.contains("imx636")) {
        return new SensorGeometry(1280, 720);
      }
      if (p.contains("imx8")) {
        return new SensorGeometry(640, 480);
      }
    }
    return SensorGeometry.UNKNOWN;
  }
}
