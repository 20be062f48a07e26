package io.sne.cli;

import io.sne.events.transform.StreamTransforms;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --noise}, {@code --filter} and {@code --noise-seed}, shared by {@code sne replay} and {@code sne demo}. */
final class StreamTransformOptions {
  @Option(names = "--noise", paramLabel = "KIND:LEVEL",
      description = "Add sensor noise to every stream before it is sent (repeatable): background:HZ (per pixel), "
          + "hot-pixels:FRACTION (of the pixels, 1 kHz each), drop:P (share of events lost). The kinds of sne eval's "
          + "robustness curves.")
  List<String> noise = new ArrayList<>();

  @Option(names = "--filter", paramLabel = "SPEC",
      description = "Filter every stream after the noise, in the order given (repeatable): " + StreamTransforms.FILTER_KINDS
          + ". Defaults: denoise 10000 us, refractory 1000 us, hot-pixel 300 Hz learnt over 1 s.")
  List<String> filters = new ArrayList<>();

  @Option(names = "--noise-seed", defaultValue = "1", description = "Seed of the noise; each stream mixes in its id (default: ${DEFAULT-VALUE}).")
  long noiseSeed;

  StreamTransforms parse() {
    return parse(List.of());
  }

  /** With {@code first} (the filters a model was trained behind) ahead of the given filters, after the noise. */
  StreamTransforms parse(List<String> first) {
    List<String> all = new ArrayList<>(first);
    all.addAll(filters);
    return StreamTransforms.parse(noise, all, noiseSeed);
  }
}
