package io.sne.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The label index of a folder of labelled recordings ({@code labels.csv}, written by
 * {@code sne emulate}): a header {@code file,label,sourceIndex,split}, then one row per recording,
 * file names relative to the folder. Rows keep their order.
 */
public final class LabelIndex {
  public static final String FILE_NAME = "labels.csv";
  private static final String HEADER = "file,label,sourceIndex,split";

  public record Entry(Path file, int label, int sourceIndex, String split) {}

  private LabelIndex() {}

  public static boolean existsIn(Path directory) {
    return Files.isRegularFile(directory.resolve(FILE_NAME));
  }

  public static List<Entry> read(Path directory) throws IOException {
    Path index = directory.resolve(FILE_NAME);
    List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new IOException(index + " line 1: expected the header \"" + HEADER + "\"");
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cols = line.split(",");
      try {
        if (cols.length != 4) {
          throw new NumberFormatException();
        }
        Path file = directory.resolve(cols[0]);
        if (!Files.isRegularFile(file)) {
          throw new IOException(index + " line " + (i + 1) + ": recording " + file + " does not exist");
        }
        entries.add(new Entry(file, Integer.parseInt(cols[1]), Integer.parseInt(cols[2]), cols[3]));
      } catch (NumberFormatException e) {
        throw new IOException(index + " line " + (i + 1) + ": expected file,label,sourceIndex,split, found \""
            + line + "\" (" + Arrays.toString(cols) + ")");
      }
    }
    return entries;
  }
}
