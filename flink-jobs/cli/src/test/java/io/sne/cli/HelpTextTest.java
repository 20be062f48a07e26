package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders cleanly. picocli formats descriptions with
 * {@code String.format}, so a bare "10% of" in a description breaks the help: picocli then prints a
 * warning and shows the raw text (it happened to {@code sne bench e2e --warmup-rounds}).
 */
class HelpTextTest {
  @Test
  void everyCommandsHelpRendersWithoutFormatWarnings() {
    List<CommandLine> commands = new ArrayList<>();
    collect(SneCli.commandLine(), commands);
    assertThat(commands).hasSizeGreaterThan(10);

    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StringBuilder help = new StringBuilder();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      for (CommandLine c : commands) {
        help.append(c.getUsageMessage());
      }
    } finally {
      System.setErr(originalErr);
    }

    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("[picocli WARN]");
    assertThat(help.toString()).doesNotContain("%n").doesNotContain("Could not format");
    // The escaped percent sign renders as one (the help wraps lines: compare with whitespace collapsed).
    assertThat(help.toString().replaceAll("\\s+", " ")).contains("under 10% of");
  }

  private static void collect(CommandLine c, List<CommandLine> out) {
    out.add(c);
    c.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
  }
}
