package io.sne.events;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The recording formats SNE reads; {@link #id()} is what users type (e.g. {@code --format evt2}). */
public enum EventFormat {
  NMNIST_BIN("nmnist", "N-MNIST binary (40-bit events)", "bin"),
  PROPHESEE_DAT("dat", "Prophesee DAT (CD events)", "dat"),
  EVT2("evt2", "Prophesee RAW EVT 2.0", "raw"),
  EVT3("evt3", "Prophesee RAW EVT 3.0", "raw"),
  AEDAT4("aedat4", "iniVation AEDAT 4.0", "aedat4"),
  AEDAT2("aedat2", "jAER AEDAT 2.0 (DVS128/DAVIS)", "aedat"),
  CSV("csv", "CSV text t,x,y,p", "csv", "txt");

  private final String id;
  private final String description;
  private final List<String> extensions;

  EventFormat(String id, String description, String... extensions) {
    this.id = id;
    this.description = description;
    this.extensions = List.of(extensions);
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public List<String> extensions() {
    return extensions;
  }

  public static EventFormat fromId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(f -> f.id.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown format '" + id + "'; supported: " + supportedList()));
  }

  /** "nmnist (N-MNIST binary ...), dat (...), ..." for error messages. */
  public static String supportedList() {
    return Arrays.stream(values())
        .map(f -> f.id + " (" + f.description + ", ." + String.join("/.", f.extensions) + ")")
        .collect(Collectors.joining(", "));
  }
}
