package io.sne.events.emulate;

/**
 * The seed of one emulated sample, derived from the run seed, the split and the image index, so a
 * sample's events do not depend on which thread made it or which other samples were selected. The
 * training code uses the same derivation to reproduce the committed recordings in memory.
 */
public final class SampleSeeds {
  private SampleSeeds() {}

  public static long of(long runSeed, String split, int index) {
    long h = runSeed * 0x9E3779B97F4A7C15L + split.hashCode() * 0xC2B2AE3D27D4EB4FL + index;
    // SplitMix64 finaliser: neighbouring indices get unrelated seeds.
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
