package io.sne.train;

import io.sne.train.data.LabelledImages;
import io.sne.train.nn.TeacherCnn;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Teacher features are the same for every model distilled from one teacher on one split, and
 * computing them for 60,000 images takes minutes here: they are kept beside the teacher's
 * checkpoints, keyed by a hash of the teacher's weights and of the images.
 */
final class FeatureCache {
  private final Path dir;

  FeatureCache(Path dir) {
    this.dir = dir;
  }

  float[] get(TeacherCnn teacher, LabelledImages images, String tag) throws IOException {
    long key = 17;
    for (var e : teacher.params().all().entrySet()) key = key * 31 + Arrays.hashCode(e.getValue().toFloatArray());
    key = key * 31 + Arrays.hashCode(images.pixels());
    key = key * 31 + images.size();
    Path file = dir.resolve("features-" + tag + "-" + Long.toHexString(key) + ".bin");
    if (Files.isRegularFile(file)) {
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        float[] f = new float[in.readInt()];
        for (int i = 0; i < f.length; i++) f[i] = in.readFloat();
        return f;
      } catch (java.io.EOFException e) {
        throw new IOException(file + ": truncated feature cache (delete it to recompute)", e);
      }
    }
    float[] f = TeacherTrainer.features(teacher, images, 256);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      out.writeInt(f.length);
      for (float v : f) out.writeFloat(v);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    return f;
  }
}
