package io.sne.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sne bench}: the parent of the benchmark subcommands (model, e2e). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Run short benchmarks and print their figures (full JMH runs: see docs/benchmarks.md).",
    subcommands = {BenchModelCommand.class, BenchE2eCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
