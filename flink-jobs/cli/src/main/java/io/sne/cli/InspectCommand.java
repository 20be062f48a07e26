package io.sne.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sne.events.RecordingStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sne inspect}: what a recording holds. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show a recording's format, sensor size, event and ON counts, first/last timestamp, duration and "
        + "mean rate (formats: N-MNIST .bin, Prophesee DAT, EVT 2.0, EVT 3.0, AEDAT 4.0, AEDAT 2.0, CSV).")
final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RECORDING", description = "The file to inspect.")
  Path file;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    Map<String, Object> report = inspectRecording(file);
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(report));
    } else {
      printText(report);
    }
    return 0;
  }

  /** The report on one event recording, in the order it is printed (JSON keys included). */
  static Map<String, Object> inspectRecording(Path file) throws Exception {
    RecordingStats stats = RecordingStats.of(file);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("file", file.toString());
    report.put("format", stats.format().id());
    report.put("formatDescription", stats.format().description());
    report.put("width", stats.geometry().width());
    report.put("height", stats.geometry().height());
    report.put("sensorSizeFrom", stats.geometryFromHeader() ? "header" : "events");
    report.put("events", stats.events());
    report.put("onEvents", stats.onEvents());
    report.put("firstTimestampUs", stats.firstTimestampUs());
    report.put("lastTimestampUs", stats.lastTimestampUs());
    report.put("durationUs", stats.durationUs());
    report.put("meanRateEventsPerSecond", Math.round(stats.meanRatePerSecond()));
    report.put("timeOrdered", stats.timeOrdered());
    report.put("skipped", new TreeMap<>(stats.skipped()));
    return report;
  }

  private static void printText(Map<String, Object> r) {
    long events = (Long) r.get("events");
    long on = (Long) r.get("onEvents");
    System.out.printf(Locale.ROOT, "file:         %s%n", r.get("file"));
    System.out.printf(Locale.ROOT, "format:       %s (%s)%n", r.get("format"), r.get("formatDescription"));
    System.out.printf(Locale.ROOT, "sensor:       %dx%d (from the %s)%n", r.get("width"), r.get("height"), r.get("sensorSizeFrom"));
    System.out.printf(Locale.ROOT, "events:       %,d (%,d ON, %.1f%%)%n", events, on, events == 0 ? 0.0 : 100.0 * on / events);
    System.out.printf(Locale.ROOT, "first event:  %,d us%n", r.get("firstTimestampUs"));
    System.out.printf(Locale.ROOT, "last event:   %,d us%n", r.get("lastTimestampUs"));
    System.out.printf(Locale.ROOT, "duration:     %.3f s%n", (Long) r.get("durationUs") / 1e6);
    System.out.printf(Locale.ROOT, "mean rate:    %,d ev/s%n", r.get("meanRateEventsPerSecond"));
    if (!(Boolean) r.get("timeOrdered")) {
      System.out.println("warning:      timestamps go backwards somewhere in the file");
    }
    @SuppressWarnings("unchecked")
    Map<String, Long> skipped = (Map<String, Long>) r.get("skipped");
    if (!skipped.isEmpty()) {
      System.out.println("skipped:      " + skipped);
    }
  }
}
