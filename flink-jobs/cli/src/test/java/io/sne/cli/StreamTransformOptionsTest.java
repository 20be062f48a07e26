package io.sne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code sne demo} sends when its model was trained behind edge filters: the noise, then the model's filters, then the user's. */
class StreamTransformOptionsTest {
  @Test
  void theModelsFiltersComeAfterTheNoiseAndBeforeTheUsersFilters() {
    StreamTransformOptions o = new StreamTransformOptions();
    o.noise = List.of("background:20");
    o.filters = List.of("hot-pixel");
    o.noiseSeed = 3;
    assertThat(o.parse(List.of("denoise:1000")).describe())
        .isEqualTo("noise background 20 Hz/pixel (seed 3); filters denoise:1000 -> hot-pixel");
    assertThat(o.parse().describe()).isEqualTo("noise background 20 Hz/pixel (seed 3); filters hot-pixel");
  }
}
