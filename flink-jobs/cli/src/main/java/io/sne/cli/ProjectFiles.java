package io.sne.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files that ship with the project (sample recordings, the demo model, the job jar), found from
 * wherever {@code sne} is run: relative to the checkout the running CLI jar was built in
 * (flink-jobs/cli/target/sne-cli.jar), else relative to the working directory.
 */
final class ProjectFiles {
  private ProjectFiles() {}

  static Path resolve(String relative) {
    Path root = checkoutRoot();
    if (root != null && Files.exists(root.resolve(relative))) {
      return root.resolve(relative);
    }
    return Path.of(relative);
  }

  private static Path checkoutRoot() {
    try {
      Path jar = Path.of(ProjectFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // .../flink-jobs/cli/target/sne-cli.jar (or target/classes) -> the checkout root, four levels up.
      Path root = jar.getParent() == null ? null : jar.getParent().getParent();
      root = root == null ? null : root.getParent();
      root = root == null ? null : root.getParent();
      return root != null && Files.isRegularFile(root.resolve("pom.xml")) ? root : null;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }
}
