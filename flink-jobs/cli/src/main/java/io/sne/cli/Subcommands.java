package io.sne.cli;

import java.util.List;

/** The working subcommands, in the order {@code sne --help} lists them. Add one line per command. */
final class Subcommands {
  private Subcommands() {}

  static List<Object> all() {
    return List.of(
        new DemoCommand(),
        new RunCommand(),
        new TailCommand(),
        new ReplayCommand(),
        new EmulateCommand(),
        new ConvertCommand(),
        new InspectCommand(),
        new BenchCommand(),
        new IngestCommand(),
        new ClusterCommand(),
        new TrainCommand(),
        new EvalCommand());
  }
}
