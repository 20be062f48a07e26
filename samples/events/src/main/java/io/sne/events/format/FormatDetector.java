package io.sne.events.format;

import io.sne.events.EventFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells a recording's format from its first bytes, using the file extension only where the header
 * cannot decide (N-MNIST .bin has no header at all).
 */
public final class FormatDetector {
  private static final int PROBE_BYTES = 64 * 1024;

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
    if (text.startsWith("%")) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.contains("% evt 3.0") || lower.contains("format evt3")) {
        return EventFormat.EVT3;
      }
      if (lower.contains("% evt 2.0") || lower.contains("format evt2")) {
        return EventFormat.EVT2;
      }
    }
    throw new IOException(file + ": unknown recording format (extension '." + extension
        + "'); supported: " + EventFormat.supportedList());
  }

  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
