package io.sne.events.format;

import io.sne.events.EventFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a recording's format from its first bytes; the file extension decides only where the
 * header cannot (N-MNIST .bin has no header; a Prophesee "%" header without an "evt" line).
 */
public final class FormatDetector {
  private static final int PROBE_BYTES = 16 * 1024;
  private static final Pattern CSV_LINE = Pattern.compile("^\\s*-?[0-9.eE+-]+([,;\\s]+-?[0-9.eE+-]+){3,}\\s*$");

  private FormatDetector() {}

  public static EventFormat detect(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such recording");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(PROBE_BYTES);
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    String extension = extension(file);
    if (text.startsWith("#!AER-DAT4")) {
      return EventFormat.AEDAT4;
    }
    if (text.startsWith("#!AER-DAT2")) {
      return EventFormat.AEDAT2;
    }
    if (text.startsWith("%")) {
      String lower = percentLines(text).toLowerCase(Locale.ROOT);
      if (lower.contains("% evt 3.0") || lower.contains("format evt3")) {
        return EventFormat.EVT3;
      }
      if (lower.contains("% evt 2.0") || lower.contains("format evt2")) {
        return EventFormat.EVT2;
      }
      if (extension.equals("dat") || lower.contains("data file containing")) {
        return EventFormat.PROPHESEE_DAT;
      }
      if (extension.equals("raw")) {
        return EventFormat.EVT2;
      }
    }
    if ((extension.equals("csv") || extension.equals("txt") || looksLikeText(head)) && hasEventLine(text)) {
      return EventFormat.CSV;
    }
    if (extension.equals("bin") && Files.size(file) % 5 == 0) {
      return EventFormat.NMNIST_BIN;
    }
    throw new IOException(file + ": unknown recording format (" + (extension.isEmpty() ? "no extension" : "extension ." + extension)
        + ", header " + describe(head) + "); supported: " + EventFormat.supportedList());
  }

  /**
   * The leading "%" lines only: lower-casing the whole probe, binary events included, took a
   * visible share of replaying many small recordings.
   */
  private static String percentLines(String text) {
    int end = 0;
    while (end < text.length() && text.charAt(end) == '%') {
      int newline = text.indexOf('\n', end);
      end = newline < 0 ? text.length() : newline + 1;
    }
    return text.substring(0, end);
  }

  private static boolean looksLikeText(byte[] head) {
    for (byte c : head) {
      if ((c < 0x20 || c > 0x7e) && c != '\n' && c != '\r' && c != '\t') {
        return false;
      }
    }
    return head.length > 0;
  }

  private static boolean hasEventLine(String text) {
    for (String line : text.split("\n", 50)) {
      if (CSV_LINE.matcher(line).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String describe(byte[] head) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(8, head.length); i++) {
      s.append(String.format("%02X", head[i]));
    }
    return head.length == 0 ? "empty" : "bytes " + s;
  }

  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
