package io.sne.cli;

import picocli.CommandLine;

final class SneVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = SneCli.class.getPackage().getImplementationVersion();
    return new String[] {"sne " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
  }
}
