package io.sne.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sne ingest}: live sources into the EventPacket topic. Its subcommands are the transports. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    subcommands = {IngestUdpCommand.class},
    description = "Publish live sensor events to Kafka as EventPackets (see docs/ingest.md).")
final class IngestCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
