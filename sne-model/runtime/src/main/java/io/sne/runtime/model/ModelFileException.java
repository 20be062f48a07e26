package io.sne.runtime.model;

import java.io.IOException;

/** A model file that cannot be used; the message names the file and the problem. */
public final class ModelFileException extends IOException {
  /** What is wrong, so callers and tests can tell the cases apart without parsing messages. */
  public enum Problem { TRUNCATED, CORRUPT, TAMPERED, INCOMPATIBLE }

  private final Problem problem;

  public ModelFileException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
