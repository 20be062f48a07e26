package io.sne.runtime.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyProfileTest {
  @Test
  void builtinsCarryThePublishedCosts() {
    EnergyProfile h = EnergyProfile.builtin("horowitz45-fp32");
    assertThat(h.macPj()).isEqualTo(4.6);
    assertThat(h.synOpPj()).isEqualTo(0.9);
    EnergyProfile l = EnergyProfile.builtin("loihi");
    assertThat(l.synOpPj()).isEqualTo(23.6);
    assertThat(l.neuronUpdatePj()).isEqualTo(52.0);
    assertThat(l.activeNeuronUpdatePj()).isEqualTo(81.0);
  }

  @Test
  void priceChargesInactiveAndActiveUpdatesSeparately() {
    // 10 MACs, 100 SOPs, 50 updates of which 20 active: 46 + 2360 + 30*52 + 20*81
    assertThat(EnergyProfile.LOIHI.price(10, 100, 50, 20)).isEqualTo(46 + 2360 + 1560 + 1620.0, within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  @Test
  void userProfileLoadsFromJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, "{\"name\":\"my-asic\",\"macPj\":1.0,\"synOpPj\":0.1,\"neuronUpdatePj\":0.2,"
        + "\"activeNeuronUpdatePj\":0.3}");
    EnergyProfile p = EnergyProfile.resolve(file.toString());
    assertThat(p.name()).isEqualTo("my-asic");
    assertThat(p.price(1, 10, 2, 1)).isEqualTo(1.0 + 1.0 + 0.2 + 0.3, within());
  }

  @Test
  void incompleteProfileAndUnknownNameAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"name\":\"x\",\"macPj\":1.0}");
    assertThatThrownBy(() -> EnergyProfile.load(file)).hasMessageContaining("not a valid energy profile")
        .hasMessageContaining("synOpPj");
    assertThatThrownBy(() -> EnergyProfile.builtin("tpu")).hasMessageContaining("unknown energy profile 'tpu'");
  }
}
