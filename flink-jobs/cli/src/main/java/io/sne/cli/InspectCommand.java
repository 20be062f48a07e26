package io.sne.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sne.events.RecordingStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

/** {@code sne inspect}: what a recording or a model file holds. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show a model's architecture, sizes and per-student parameter counts, or a recording's format, "
        + "sensor size, event and ON counts, first/last timestamp, duration and mean rate (formats: N-MNIST .bin, "
        + "Prophesee DAT, EVT 2.0, EVT 3.0, AEDAT 4.0, AEDAT 2.0, CSV).")
final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MODEL|RECORDING", description = "The model file (.safetensors) or recording to inspect.")
  Path file;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    if (isSafetensors(file)) {
      InspectModel.print(file, System.out);
      return 0;
    }
    Map<String, Object> report = inspectRecording(file);
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(report));
    } else {
      printText(report);
    }
    return 0;
  }

  /**
   * A safetensors file opens with its header length (u64, little-endian) and then the JSON header;
   * no event format we read starts with '{' at byte 8 after a length that fits in the file.
   */
  static boolean isSafetensors(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(9);
      if (head.length < 9 || head[8] != '{') {
        return false;
      }
      long headerLength = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      return headerLength > 1 && headerLength <= Files.size(file) - 8;
    }
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
