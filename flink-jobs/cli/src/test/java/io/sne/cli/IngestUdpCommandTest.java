package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class IngestUdpCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    picocli.CommandLine cli = SneCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void aSensorTooLargeForFifteenBitCoordinatesIsRejectedWithTheLimit() {
    int code = run("ingest", "udp", "--port", "0", "--bootstrap", "127.0.0.1:1", "--topic", "t", "--stream-id", "cam",
        "--width", "40000", "--height", "480");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("width must be 1..32768 (15-bit x), got 40000");
  }

  @Test
  void anUnknownByteOrderNamesTheValidOnes() {
    int code = run("ingest", "udp", "--port", "0", "--bootstrap", "127.0.0.1:1", "--topic", "t", "--stream-id", "cam",
        "--width", "640", "--height", "480", "--byte-order", "middle");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--byte-order", "little", "big");
  }

  @Test
  void anUnreachableBrokerFailsFastWithItsAddress() {
    int code = run("ingest", "udp", "--port", "0", "--bootstrap", "127.0.0.1:1", "--topic", "t", "--stream-id", "cam",
        "--width", "640", "--height", "480", "--connect-timeout-ms", "1000");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("cannot reach Kafka at 127.0.0.1:1 within 1000 ms");
  }
}
