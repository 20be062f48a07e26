package io.sne.ingest.replay;

import io.sne.events.LabelIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What one replayed stream contains: its id and its recordings in order. With {@code periodUs > 0}
 * recording k starts at k * periodUs of stream time (so windows of that length line up with the
 * samples); with 0 a recording starts at the slice after the previous one ends, and the first
 * keeps its own timestamps.
 *
 * @param segments recordings with the label their events carry (null = unlabelled)
 */
public record StreamPlan(String streamId, List<Segment> segments, long periodUs) {
  public record Segment(Path file, Integer label) {}

  /**
   * Plans the streams for the inputs of {@code sne replay}: a file is one stream named after it; a
   * folder with labels.csv is one labelled stream of its recordings, period-aligned; a folder
   * without is one stream per recording. A given stream id joins everything into one stream.
   */
  public static List<StreamPlan> of(List<Path> inputs, String streamId, long periodUs) throws IOException {
    List<StreamPlan> plans = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        if (LabelIndex.existsIn(input)) {
          List<Segment> segments = new ArrayList<>();
          for (LabelIndex.Entry e : LabelIndex.read(input)) {
            segments.add(new Segment(e.file(), e.label()));
          }
          plans.add(new StreamPlan(name(input), segments, periodUs));
        } else {
          try (Stream<Path> files = Files.list(input)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
              plans.add(new StreamPlan(name(file), List.of(new Segment(file, null)), 0));
            }
          }
        }
      } else if (Files.isRegularFile(input)) {
        plans.add(new StreamPlan(name(input), List.of(new Segment(input, null)), 0));
      } else {
        throw new IllegalArgumentException("no such recording or folder: " + input);
      }
    }
    if (plans.isEmpty()) {
      throw new IllegalArgumentException("nothing to replay in " + inputs);
    }
    if (streamId != null) {
      List<Segment> all = new ArrayList<>();
      boolean aligned = false;
      for (StreamPlan plan : plans) {
        all.addAll(plan.segments());
        aligned |= plan.periodUs() > 0;
      }
      return List.of(new StreamPlan(streamId, all, aligned ? periodUs : 0));
    }
    return uniqueIds(plans);
  }

  private static List<StreamPlan> uniqueIds(List<StreamPlan> plans) {
    Set<String> seen = new HashSet<>();
    List<StreamPlan> unique = new ArrayList<>();
    for (StreamPlan plan : plans) {
      String id = plan.streamId();
      for (int k = 2; !seen.add(id); k++) {
        id = plan.streamId() + "-" + k;
      }
      unique.add(new StreamPlan(id, plan.segments(), plan.periodUs()));
    }
    return unique;
  }

  private static String name(Path path) {
    String name = path.toAbsolutePath().normalize().getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
