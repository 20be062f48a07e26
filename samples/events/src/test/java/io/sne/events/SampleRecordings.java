package io.sne.events;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real recordings in ../shared/samples (never copied into the project). Surefire passes their
 * folder as the system property {@code sne.samples.dir}; tests skip with a clear message without it.
 */
public final class SampleRecordings {
  private SampleRecordings() {}

  public static Path require(String fileName) {
    Path dir = directory();
    Path file = dir.resolve(fileName);
    assumeTrue(Files.isRegularFile(file),
        "skipped: real sample recording " + file + " is absent (set -Dsne.samples.dir=<folder with the samples>)");
    return file;
  }

  private static Path directory() {
    String property = System.getProperty("sne.samples.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("sne"))) {
      dir = dir.getParent();
    }
    return (dir == null ? Path.of("") : dir).resolve("../shared/samples").normalize();
  }
}
