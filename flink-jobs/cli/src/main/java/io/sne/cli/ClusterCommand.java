package io.sne.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sne cluster up|down|status}: a real deployment on one machine (3 Kafka KRaft nodes, a Flink
 * JobManager and 2 TaskManagers as separate processes). The processes are managed by
 * deploy/local/cluster.sh, which CI and the fail-over suite use too; this command only finds and
 * runs it, so there is one implementation.
 */
@Command(
    name = "cluster",
    description = {
      "Start, stop or inspect a local multi-process cluster: 3 Kafka KRaft brokers (replication 3,"
          + " min.insync 2) and a Flink session cluster (1 JobManager, 2 TaskManagers) on 127.0.0.1.",
      "Jars are resolved with Maven into ~/.cache/sne-cluster on first use. About 1.8 GB of memory.",
      "Submit the job with deploy/local/cluster.sh submit; see deploy/README.md."
    })
final class ClusterCommand implements Callable<Integer> {

  enum Action { up, down, status }

  static final String SCRIPT = "deploy/local/cluster.sh";

  @Parameters(index = "0", paramLabel = "ACTION", description = "up, down or status (status exits 3 when nothing runs).")
  Action action;

  @Option(names = "--home", paramLabel = "DIR",
      description = "Directory for this cluster's configuration, data, logs and PIDs (default ~/.cache/sne-cluster/cluster).")
  Path home;

  @Option(names = "--port-base", paramLabel = "N",
      description = "Ports derive from N: Kafka N+91..93, Flink REST N+81 (default 19000).")
  Integer portBase;

  @Option(names = "--purge", description = "With down: also delete the cluster's data and logs.")
  boolean purge;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (purge && action != Action.down) {
      throw new IllegalArgumentException("--purge only goes with 'down'");
    }
    List<String> command = new ArrayList<>(List.of("bash", findScript().toString(), action.name()));
    if (purge) {
      command.add("--purge");
    }
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    if (home != null) {
      builder.environment().put("SNE_CLUSTER_HOME", home.toAbsolutePath().toString());
    }
    if (portBase != null) {
      if (portBase < 1024 || portBase > 65000) {
        throw new IllegalArgumentException("--port-base must be between 1024 and 65000, got " + portBase);
      }
      builder.environment().put("SNE_CLUSTER_PORT_BASE", portBase.toString());
    }
    return builder.start().waitFor();
  }

  /** The script ships with the source tree: look above the CLI's jar, then above the working directory. */
  static Path findScript() {
    List<Path> starts = new ArrayList<>();
    try {
      starts.add(Path.of(ClusterCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // No usable code source (unusual class loader): the working directory is still searched.
    }
    starts.add(Path.of("").toAbsolutePath());
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path script = dir.resolve(SCRIPT);
        if (Files.isRegularFile(script)) {
          return script;
        }
      }
    }
    throw new IllegalStateException(
        SCRIPT + " not found above " + starts + "; run sne from a checkout of the SNE repository");
  }
}
