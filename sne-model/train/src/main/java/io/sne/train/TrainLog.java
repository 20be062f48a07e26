package io.sne.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The per-epoch log: one line per event to stderr and appended to train.log in the work directory. */
public final class TrainLog {
  private final Path file;

  public TrainLog(Path dir) {
    this.file = dir == null ? null : dir.resolve("train.log");
  }

  public void line(String format, Object... args) {
    String text = Instant.now().toString().substring(11, 19) + " " + String.format(java.util.Locale.ROOT, format, args);
    System.err.println(text);
    if (file != null) {
      try {
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to " + file, e);
      }
    }
  }
}
