import io.sne.runtime.bench.RandomModels;
import java.nio.file.Path;

/**
 * Writes the runtime's seeded benchmark model (4 conv students, 34x34 events, 10 steps of 30 ms =
 * one 300 ms recording per window) for the fail-over suite when no trained model is committed under
 * samples/models. The suite checks exactly-once delivery and determinism, which do not depend on
 * the weights being trained. Usage: java -cp sne-job.jar ReferenceModel.java OUT.safetensors [SEED]
 */
public final class ReferenceModel {
  public static void main(String[] args) throws Exception {
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
    RandomModels.reference(seed).save(Path.of(args[0]));
  }
}
