package io.sne.job.operator;

import io.sne.runtime.model.SneModel;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model file's bytes, shipped inside the job graph so every TaskManager loads the very same
 * model without a shared file system. {@link #read} checks the file fully before a job is built.
 */
public final class ModelFile implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final byte[] bytes;

  private ModelFile(String name, byte[] bytes) {
    this.name = name;
    this.bytes = bytes;
  }

  /** Reads and validates {@code file}; a bad model is refused here, before any job starts. */
  public static ModelFile read(Path file) throws IOException {
    ModelFile model = new ModelFile(file.toString(), Files.readAllBytes(file));
    model.load();
    return model;
  }

  /** Saves a model (built in memory) and reads it back the way a job would. */
  public static ModelFile of(SneModel model, Path scratchDir) throws IOException {
    Path file = Files.createTempFile(scratchDir, "model-", ".safetensors");
    try {
      model.save(file);
      return read(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  public String name() {
    return name;
  }

  /** Parses and validates the model; every problem is an exception naming the file and what is wrong. */
  public SneModel load() throws IOException {
    Path tmp = Files.createTempFile("sne-model-", ".safetensors");
    try {
      Files.write(tmp, bytes);
      return SneModel.load(tmp);
    } catch (IOException | RuntimeException e) {
      throw new IOException("model " + name + " refused: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
