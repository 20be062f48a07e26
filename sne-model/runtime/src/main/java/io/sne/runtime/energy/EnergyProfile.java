package io.sne.runtime.energy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What one operation costs on a device, in picojoules: a multiply-accumulate, a synaptic operation
 * (an accumulate triggered by a spike), and a neuron update (leak + threshold) when the neuron got
 * no input this step or when it did. Profiles are data: built-ins below, or a JSON file with these
 * field names.
 */
public record EnergyProfile(
    String name,
    double macPj,
    double synOpPj,
    double neuronUpdatePj,
    double activeNeuronUpdatePj,
    String source) {

  public EnergyProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("energy profile needs a 'name'");
    }
    for (double v : new double[] {macPj, synOpPj, neuronUpdatePj, activeNeuronUpdatePj}) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("energy profile '" + name + "': costs must be finite and >= 0 pJ");
      }
    }
  }

  /**
   * 45 nm CMOS, fp32 (Horowitz, ISSCC 2014): MAC 4.6 pJ, add 0.9 pJ. A neuron update
   * ({@code beta*v + I}, then a compare) is priced as one MAC, active or not.
   */
  public static final EnergyProfile HOROWITZ45_FP32 = new EnergyProfile("horowitz45-fp32", 4.6, 0.9, 4.6, 4.6,
      "Horowitz, ISSCC 2014: 45 nm fp32 MAC 4.6 pJ, add 0.9 pJ; neuron update = one MAC");

  /**
   * Intel Loihi (Davies et al., IEEE Micro 2018): synaptic op 23.6 pJ, neuron update 52 pJ inactive /
   * 81 pJ active. Loihi has no MAC; the few MACs (direct encoder, readout scaling, head, gate) run on
   * the host and are priced at the 45 nm fp32 4.6 pJ.
   */
  public static final EnergyProfile LOIHI = new EnergyProfile("loihi", 4.6, 23.6, 52.0, 81.0,
      "Davies et al., IEEE Micro 2018: SOP 23.6 pJ, neuron update 52/81 pJ; host MAC 4.6 pJ");

  public static List<EnergyProfile> builtins() {
    return List.of(HOROWITZ45_FP32, LOIHI);
  }

  public static EnergyProfile builtin(String name) {
    for (EnergyProfile p : builtins()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown energy profile '" + name + "'; built-ins: horowitz45-fp32, loihi "
        + "(or give a JSON file)");
  }

  /** A user profile: JSON with name, macPj, synOpPj, neuronUpdatePj, activeNeuronUpdatePj (source optional). */
  public static EnergyProfile load(Path file) throws IOException {
    String expected = "expected JSON with name, macPj, synOpPj, neuronUpdatePj, activeNeuronUpdatePj";
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not a valid energy profile (" + expected + "): " + e.getMessage(), e);
    }
    for (String field : List.of("macPj", "synOpPj", "neuronUpdatePj", "activeNeuronUpdatePj")) {
      if (!json.path(field).isNumber()) {
        throw new IOException(file + ": not a valid energy profile: '" + field + "' is missing or not a number ("
            + expected + ")");
      }
    }
    try {
      return new EnergyProfile(json.path("name").asText(null), json.get("macPj").asDouble(),
          json.get("synOpPj").asDouble(), json.get("neuronUpdatePj").asDouble(),
          json.get("activeNeuronUpdatePj").asDouble(), json.path("source").asText(file.toString()));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not a valid energy profile: " + e.getMessage(), e);
    }
  }

  /** A built-in name, or else a path to a JSON profile. */
  public static EnergyProfile resolve(String nameOrPath) throws IOException {
    for (EnergyProfile p : builtins()) {
      if (p.name().equals(nameOrPath)) {
        return p;
      }
    }
    Path file = Path.of(nameOrPath);
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IllegalArgumentException("energy profile '" + nameOrPath + "' is neither a built-in "
          + "(horowitz45-fp32, loihi) nor a file");
    }
    return load(file);
  }

  public double price(long macs, long synapticOps, long neuronUpdates, long activeNeuronUpdates) {
    return macs * macPj + synapticOps * synOpPj + (neuronUpdates - activeNeuronUpdates) * neuronUpdatePj
        + activeNeuronUpdates * activeNeuronUpdatePj;
  }
}
