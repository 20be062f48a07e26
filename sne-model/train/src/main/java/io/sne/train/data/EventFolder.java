package io.sne.train.data;

import io.sne.events.LabelIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Labelled event recordings on disk ({@code dataset.name: event-folder}), in one of two layouts:
 * <ul>
 *   <li>an N-MNIST-style tree {@code <root>/<split>/<label>/<recording>} (e.g. {@code Train/3/00012.bin});
 *       split folders match case-insensitively, label names are the folder names (sorted numerically
 *       when all are numbers), recordings are taken in file-name order;
 *   <li>a folder with {@code labels.csv} ({@code file,label,sourceIndex,split}, the index
 *       {@code sne emulate} writes) and optionally {@code classes.txt} (line n = name of label n).
 * </ul>
 * Any format io.sne.events detects can be a recording (N-MNIST .bin, EVT2/3 .raw, DAT, AEDAT, CSV).
 */
public final class EventFolder {
  public record Recording(Path file, int label) {}

  /** The recordings of the train and test splits and the label names (index = label). */
  public record Listing(Path root, String layout, List<Recording> train, List<Recording> test, List<String> labelNames) {}

  private EventFolder() {}

  public static Listing list(Path root, String trainSplit, String testSplit) throws IOException {
    if (root == null || !Files.isDirectory(root)) {
      throw new IOException("event-folder: dataset.path " + root + " is not a directory (expected <root>/Train/<label>/<recordings> "
          + "as N-MNIST, or a folder of recordings with " + LabelIndex.FILE_NAME + "); set dataset.path");
    }
    return LabelIndex.existsIn(root) ? fromIndex(root, trainSplit, testSplit) : fromTree(root, trainSplit, testSplit);
  }

  private static Listing fromIndex(Path root, String trainSplit, String testSplit) throws IOException {
    List<LabelIndex.Entry> entries = LabelIndex.read(root);
    int maxLabel = entries.stream().mapToInt(LabelIndex.Entry::label).max().orElse(-1);
    List<String> names = new ArrayList<>();
    Path classes = root.resolve("classes.txt");
    if (Files.isRegularFile(classes)) {
      for (String line : Files.readAllLines(classes, StandardCharsets.UTF_8)) if (!line.isBlank()) names.add(line.strip());
      if (names.size() <= maxLabel) {
        throw new IOException(classes + ": names " + names.size() + " classes but " + root.resolve(LabelIndex.FILE_NAME) + " uses label " + maxLabel);
      }
    } else {
      for (int c = 0; c <= maxLabel; c++) names.add(String.valueOf(c));
    }
    TreeSet<String> present = new TreeSet<>();
    for (LabelIndex.Entry e : entries) present.add(e.split());
    List<Recording> train = new ArrayList<>();
    List<Recording> test = new ArrayList<>();
    for (LabelIndex.Entry e : entries) {
      if (e.label() < 0) throw new IOException(root.resolve(LabelIndex.FILE_NAME) + ": negative label " + e.label() + " for " + e.file());
      if (e.split().equalsIgnoreCase(trainSplit)) train.add(new Recording(e.file(), e.label()));
      if (e.split().equalsIgnoreCase(testSplit)) test.add(new Recording(e.file(), e.label()));
    }
    String where = root.resolve(LabelIndex.FILE_NAME) + " (splits present: " + String.join(", ", present) + ")";
    requireSome(train, "train", trainSplit, where, "dataset.trainSplit");
    requireSome(test, "test", testSplit, where, "dataset.testSplit");
    return new Listing(root, LabelIndex.FILE_NAME, train, test, names);
  }

  private static Listing fromTree(Path root, String trainSplit, String testSplit) throws IOException {
    Path trainDir = child(root, trainSplit);
    Path testDir = child(root, testSplit);
    if (trainDir == null || testDir == null) {
      throw new IOException("event-folder: " + root + " has no " + LabelIndex.FILE_NAME + " and no '" + (trainDir == null ? trainSplit : testSplit)
          + "' folder (found: " + String.join(", ", names(root)) + "); expected <root>/" + trainSplit + "/<label>/<recordings> as N-MNIST");
    }
    TreeSet<String> labels = new TreeSet<>(numericFirst());
    labels.addAll(names(trainDir));
    labels.addAll(names(testDir));
    List<String> labelNames = new ArrayList<>(labels);
    List<Recording> train = recordings(trainDir, labelNames);
    List<Recording> test = recordings(testDir, labelNames);
    requireSome(train, "train", trainSplit, trainDir.toString(), "dataset.trainSplit");
    requireSome(test, "test", testSplit, testDir.toString(), "dataset.testSplit");
    return new Listing(root, "split/label folders", train, test, labelNames);
  }

  private static List<Recording> recordings(Path splitDir, List<String> labelNames) throws IOException {
    List<Recording> out = new ArrayList<>();
    List<String> present = names(splitDir);
    for (String label : labelNames) {
      if (!present.contains(label)) continue;
      Path dir = splitDir.resolve(label);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
            .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
          out.add(new Recording(f, labelNames.indexOf(label)));
        }
      }
    }
    return out;
  }

  /** Sub-folder names (hidden ones skipped). */
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  private static Path child(Path root, String name) throws IOException {
    for (String n : names(root)) if (n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) return root.resolve(n);
    return null;
  }

  /** "2" < "10" < "cat": numbers by value, then names. */
  private static Comparator<String> numericFirst() {
    return (a, b) -> {
      boolean na = a.matches("\\d{1,9}");
      boolean nb = b.matches("\\d{1,9}");
      if (na && nb) return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
      if (na != nb) return na ? -1 : 1;
      return a.compareTo(b);
    };
  }

  private static void requireSome(List<Recording> list, String role, String split, String where, String key) throws IOException {
    if (list.isEmpty()) {
      throw new IOException("event-folder: no " + role + " recordings for split '" + split + "' in " + where + "; set " + key);
    }
  }
}
