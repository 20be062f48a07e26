package io.sne.cli;

import io.sne.events.EventBuffer;
import io.sne.events.EventFormat;
import io.sne.events.EventFormatException;
import io.sne.events.EventReader;
import io.sne.events.EventWriter;
import io.sne.events.RecordingStats;
import io.sne.events.Recordings;
import io.sne.events.SensorGeometry;
import io.sne.events.format.Writers;
import io.sne.events.transform.StreamTransforms;
import io.sne.events.transform.TransformChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sne convert}: one recording to another format, optionally through noise and filters, in constant memory. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
        "Convert a recording (any format sne inspect reads) to EVT 2.0, EVT 3.0, AEDAT 4.0 (LZ4) or CSV, packet by packet, "
            + "optionally through --noise and --filter as sne replay applies them.",
        "A corrupt input stops the conversion with the byte offset; the events decoded before it are written, and the "
            + "output is closed as a valid file."})
final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IN", description = "The recording to read.")
  Path input;

  @Parameters(index = "1", paramLabel = "OUT", description = "The recording to write (replaced if it exists).")
  Path output;

  @Option(names = "--format", paramLabel = "evt2|evt3|aedat4|csv",
      description = "Output format (default: from OUT's extension: .raw = evt2, .aedat4, .csv/.txt).")
  String format;

  @Mixin
  StreamTransformOptions transformOptions;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(input)) {
      throw new IllegalArgumentException("no such recording: " + input);
    }
    if (Files.exists(output) && Files.isSameFile(input, output)) {
      throw new IllegalArgumentException("OUT is IN: write the conversion to another file");
    }
    EventFormat outFormat = outputFormat();
    StreamTransforms transforms = transformOptions.parse();
    long start = System.nanoTime();
    long read = 0;
    long written = 0;
    EventFormat inFormat;
    try (EventReader reader = Recordings.open(input)) {
      inFormat = reader.format();
      SensorGeometry geometry = reader.geometry().isKnown() ? reader.geometry() : RecordingStats.of(input).geometry();
      TransformChain chain = transforms.forStream(geometry, input.getFileName().toString());
      EventBuffer packet = new EventBuffer();
      EventBuffer transformed = new EventBuffer();
      try (EventWriter writer = Writers.open(output, outFormat, chain.outputGeometry(geometry));
          ProgressBar progress = new ProgressBarBuilder().setTaskName("convert").setInitialMax(-1)
              .setStyle(ProgressBarStyle.ASCII).setUnit(" kev", 1000).setUpdateIntervalMillis(250).continuousUpdate().build()) {
        try {
          while (reader.next(packet)) {
            read += packet.size();
            EventBuffer out = packet;
            if (!chain.isEmpty()) {
              transformed.clear();
              chain.apply(packet, transformed);
              out = transformed;
            }
            writer.write(out);
            written += out.size();
            progress.stepBy(packet.size());
          }
        } catch (EventFormatException e) {
          throw new IOException(e.getMessage() + "; the " + String.format(Locale.ROOT, "%,d", written)
              + " events converted before it are in " + output + " (closed as a valid file)", e);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!transforms.isEmpty()) {
      System.out.println("transforms: " + transforms.describe());
    }
    System.out.printf(Locale.ROOT, "converted %,d events (%,d read) from %s to %s in %.2f s: %.2f Mev/s -> %s%n", written,
        read, inFormat.id(), outFormat.id(), seconds, read / Math.max(seconds, 1e-9) / 1e6, output);
    return 0;
  }

  private EventFormat outputFormat() {
    if (format != null) {
      return EventFormat.fromId(format);
    }
    String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".raw")) {
      return EventFormat.EVT2;
    }
    if (name.endsWith(".aedat4")) {
      return EventFormat.AEDAT4;
    }
    if (name.endsWith(".csv") || name.endsWith(".txt")) {
      return EventFormat.CSV;
    }
    throw new IllegalArgumentException("cannot tell the output format from '" + output.getFileName()
        + "': give --format evt2, evt3, aedat4 or csv (or name it .raw, .aedat4 or .csv)");
  }
}
