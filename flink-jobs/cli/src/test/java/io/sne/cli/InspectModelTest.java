package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sne.runtime.bench.RandomModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectModelTest {
  @TempDir Path dir;

  @Test
  void printsArchitectureSizesAndPerStudentParameterCounts() throws Exception {
    Path file = dir.resolve("ref.safetensors");
    RandomModels.reference(1).save(file);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    InspectModel.print(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    // conv 2->8 3x3: 8*2*9 + 8 = 152; conv 8->16 3x3: 16*8*9 + 16 = 1,168; readout 1024->16: 16,400.
    assertThat(out).contains("student 0: 17,720 parameters");
    assertThat(out).contains("student 3: 17,720 parameters");
    assertThat(out).contains("in students (stored as F32)");
    assertThat(out).contains("conv 2->8 k3 s1 p1").contains("2x34x34").contains("8x34x34").contains("16x8x8");
    assertThat(out).contains("152 params").contains("1,168 params").contains("16,400 params");
    assertThat(out).contains("events: 2x34x34").contains("T=10").contains("fixed-k");
    assertThat(out).contains("222,208 bytes per stream");
  }

  @Test
  void namesTheEdgeFiltersAModelWasTrainedBehind() throws Exception {
    Path plain = dir.resolve("plain.safetensors");
    RandomModels.reference(1).save(plain);
    Path filtered = FilteredModels.write(dir.resolve("filtered.safetensors"), "denoise:1000", "refractory:500");

    assertThat(print(plain)).doesNotContain("trained behind");
    assertThat(print(filtered)).contains("trained behind the edge filters denoise:1000, refractory:500");
  }

  private static String print(Path model) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    InspectModel.print(model, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void corruptModelFailsWithTheLoadersMessage() throws Exception {
    Path file = dir.resolve("bad.safetensors");
    Files.write(file, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> InspectModel.print(file, System.out)).hasMessageContaining("truncated");
  }

  @Test
  void benchIsAParentCommandWithAModelSubcommand() {
    var cli = SneCli.commandLine();
    assertThat(cli.getSubcommands()).containsKey("bench");
    assertThat(cli.getSubcommands().get("bench").getSubcommands()).containsKey("model");
    var parsed = cli.parseArgs("bench", "model", "--quick", "--json", "out.json");
    BenchModelCommand cmd = parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
    assertThat(cmd.quick).isTrue();
    assertThat(cmd.json).isEqualTo(Path.of("out.json"));
  }
}
