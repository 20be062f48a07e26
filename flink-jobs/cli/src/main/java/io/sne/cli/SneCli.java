package io.sne.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sne} command. Subcommands are registered in {@link Subcommands} only once they work,
 * so {@code sne --help} never advertises something that does not.
 */
@Command(
    name = "sne",
    mixinStandardHelpOptions = true,
    versionProvider = SneVersion.class,
    description = "Spiking Neural Ensemble: classify event-camera streams with gated spiking students and report the energy of every decision.")
public final class SneCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SneCli());
    Subcommands.all().forEach(cli::addSubcommand);
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
