package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the real deploy/local/cluster.sh against empty cluster homes (starting the cluster takes a
 * minute and ~1.8 GB; that path is covered by deploy/local/failover-test.sh).
 */
class ClusterCommandTest {

  @TempDir Path tmp;

  private int run(StringWriter err, String... args) {
    CommandLine cli = SneCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void statusOfAClusterThatNeverStartedExitsThree() {
    // An unused port base too, so a cluster someone runs on this machine cannot answer.
    int exit = run(new StringWriter(), "cluster", "status", "--home", tmp.resolve("never-started").toString(), "--port-base", "47000");
    assertThat(exit).isEqualTo(3);
  }

  @Test
  void downWithPurgeDeletesTheClusterHome() throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("home/logs"));
    Files.writeString(logs.resolve("kafka-1.log"), "old log");
    int exit = run(new StringWriter(), "cluster", "down", "--purge", "--home", tmp.resolve("home").toString(), "--port-base", "47000");
    assertThat(exit).isZero();
    assertThat(tmp.resolve("home")).doesNotExist();
  }

  @Test
  void purgeRefusesADirectoryWithFilesTheClusterDidNotMake() throws Exception {
    Path notes = Files.writeString(Files.createDirectories(tmp.resolve("home")).resolve("notes.txt"), "mine");
    int exit = run(new StringWriter(), "cluster", "down", "--purge", "--home", tmp.resolve("home").toString(), "--port-base", "47000");
    assertThat(exit).isNotZero();
    assertThat(notes).hasContent("mine");
  }

  @Test
  void purgeWithAnythingButDownIsRejectedInOneLine() {
    StringWriter err = new StringWriter();
    int exit = run(err, "cluster", "status", "--purge", "--home", tmp.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("--purge only goes with 'down'").doesNotContain("Exception");
  }

  @Test
  void anUnknownActionIsAUsageError() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "cluster", "restart")).isEqualTo(2);
    assertThat(err.toString()).contains("up, down, status");
  }

  @Test
  void theScriptIsFoundFromTheCompiledClasses() {
    assertThat(ClusterCommand.findScript()).isRegularFile().endsWith(Path.of("deploy", "local", "cluster.sh"));
  }
}
