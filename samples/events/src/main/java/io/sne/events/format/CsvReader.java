package io.sne.events.format;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventFormatException;
import io.sne.events.SensorGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Text events, one per line: t,x,y,p (separators: comma, semicolon, tab or spaces). Lines starting
 * with '#' are comments; "# geometry WxH" gives the sensor size. An optional header line names the
 * columns (t/timestamp/ts, x, y, p/polarity/pol) in any order. Integer timestamps are µs; a
 * timestamp with a decimal point is taken as seconds (as in the Event Camera Dataset's txt files).
 * Polarity 1/true = ON; 0, -1 or false = OFF.
 */
public final class CsvReader extends PacketReader {
  private static final int MAX_LINE_BYTES = 4096;

  private final BinaryInput in;
  private SensorGeometry geometry = SensorGeometry.UNKNOWN;
  private int[] columns = {0, 1, 2, 3};
  private boolean headerChecked;
  private long lineNumber;

  public CsvReader(Path file) throws IOException {
    this(file, DEFAULT_PACKET_EVENTS);
  }

  public CsvReader(Path file, int packetEvents) throws IOException {
    super(packetEvents);
    this.in = new BinaryInput(file);
    // Comments before the first event may carry the geometry; read them now so geometry() knows.
    while (peekComment()) {
      readLine();
    }
  }

  @Override
  public EventFormat format() {
    return EventFormat.CSV;
  }

  @Override
  public SensorGeometry geometry() {
    return geometry;
  }

  private boolean peekComment() throws IOException {
    return in.fill(1) > 0 && in.buffer().get(in.buffer().position()) == '#';
  }

  /** The next line without its line break, or null at the end; comments are interpreted here. */
  private String readLine() throws IOException {
    int available = in.fill(MAX_LINE_BYTES);
    if (available == 0) {
      return null;
    }
    ByteBuffer b = in.buffer();
    int start = b.position();
    int end = start;
    while (end < b.limit() && b.get(end) != '\n') {
      end++;
    }
    if (end == b.limit() && end - start >= MAX_LINE_BYTES) {
      throw new EventFormatException(in.file(), in.offset(), "expected a line of at most " + MAX_LINE_BYTES + " bytes");
    }
    String line = new String(b.array(), start, end - start, StandardCharsets.US_ASCII).strip();
    b.position(Math.min(end + 1, b.limit()));
    lineNumber++;
    if (line.startsWith("#")) {
      String comment = line.substring(1).strip().toLowerCase(Locale.ROOT);
      if (comment.startsWith("geometry ")) {
        geometry = SensorGeometry.parse(comment.substring("geometry ".length()));
      }
      return "";
    }
    return line;
  }

  @Override
  protected boolean decode(EventBuffer packet) throws IOException {
    long[] fields = new long[4];
    while (packet.size() < packetEvents) {
      long lineOffset = in.offset();
      if (headerChecked && in.fill(MAX_LINE_BYTES) > 0 && parseIntegerLine(fields)) {
        packet.add(fields[columns[0]], (int) fields[columns[1]], (int) fields[columns[2]], fields[columns[3]] > 0 ? 1 : 0);
        continue;
      }
      String line = readLine();
      if (line == null) {
        return false;
      }
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("[,;\\s]+");
      if (!headerChecked) {
        headerChecked = true;
        if (!Character.isDigit(parts[0].charAt(0)) && parts[0].charAt(0) != '-' && parts[0].charAt(0) != '.') {
          columns = headerColumns(parts, lineOffset);
          continue;
        }
      }
      if (parts.length < 4) {
        throw new EventFormatException(in.file(), lineOffset,
            "line " + lineNumber + ": expected 4 fields t,x,y,p, found " + parts.length + " in \"" + line + "\"");
      }
      try {
        packet.add(timestamp(parts[columns[0]]), Integer.parseInt(parts[columns[1]]),
            Integer.parseInt(parts[columns[2]]), polarity(parts[columns[3]]));
      } catch (NumberFormatException e) {
        throw new EventFormatException(in.file(), lineOffset,
            "line " + lineNumber + ": expected numbers t,x,y,p, found \"" + line + "\"");
      }
    }
    return true;
  }

  /**
   * Fast path for the common line of four integers: parses straight from the buffer and consumes
   * the line. Returns false, consuming nothing, for anything else (comments, decimals, words,
   * errors), which the general path then handles and reports.
   */
  private boolean parseIntegerLine(long[] fields) {
    ByteBuffer b = in.buffer();
    byte[] a = b.array();
    int pos = b.position();
    int limit = b.limit();
    for (int f = 0; f < 4; f++) {
      while (pos < limit && (a[pos] == ',' || a[pos] == ' ' || a[pos] == '\t' || a[pos] == ';')) {
        pos++;
      }
      boolean negative = pos < limit && a[pos] == '-';
      if (negative) {
        pos++;
      }
      int digitsStart = pos;
      long value = 0;
      while (pos < limit && a[pos] >= '0' && a[pos] <= '9') {
        value = value * 10 + (a[pos++] - '0');
      }
      if (pos == digitsStart || pos - digitsStart > 18) {
        return false;
      }
      fields[f] = negative ? -value : value;
      if (f < 3 && (pos >= limit || (a[pos] != ',' && a[pos] != ' ' && a[pos] != '\t' && a[pos] != ';'))) {
        return false;
      }
    }
    while (pos < limit && (a[pos] == ' ' || a[pos] == '\t' || a[pos] == '\r')) {
      pos++;
    }
    if (pos >= limit || a[pos] != '\n' || fields[3] < -1 || fields[3] > 1) {
      return false;
    }
    b.position(pos + 1);
    lineNumber++;
    return true;
  }

  private int[] headerColumns(String[] names, long offset) throws EventFormatException {
    int[] found = {-1, -1, -1, -1};
    for (int i = 0; i < names.length; i++) {
      switch (names[i].toLowerCase(Locale.ROOT)) {
        case "t", "ts", "time", "timestamp", "t_us", "timestamp_us" -> found[0] = i;
        case "x" -> found[1] = i;
        case "y" -> found[2] = i;
        case "p", "pol", "polarity" -> found[3] = i;
        default -> { }
      }
    }
    for (int f : found) {
      if (f < 0) {
        throw new EventFormatException(in.file(), offset,
            "expected a header naming the columns t, x, y and p, found \"" + String.join(",", names) + "\"");
      }
    }
    return found;
  }

  private static long timestamp(String field) {
    if (field.indexOf('.') >= 0 || field.indexOf('e') >= 0 || field.indexOf('E') >= 0) {
      return Math.round(Double.parseDouble(field) * 1e6);
    }
    return Long.parseLong(field);
  }

  private static int polarity(String field) {
    return switch (field.toLowerCase(Locale.ROOT)) {
      case "1", "true", "+1" -> 1;
      case "0", "-1", "false" -> 0;
      default -> throw new NumberFormatException(field);
    };
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
