package io.sne.ingest.udp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the kernel dropped for our socket because its receive buffer was full: they never
 * reach the application, so only the kernel can count them. Linux reports them per socket in
 * the last-but-one "drops" column of /proc/net/udp and /proc/net/udp6; elsewhere this is unknown (-1).
 */
final class SocketDropCounter {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
  private final String portHex;
  private long lastKnown = -1;

  SocketDropCounter(int localPort) {
    this.portHex = String.format(":%04X", localPort);
  }

  /** The socket's drop count; after the socket is closed, the last count read while it existed. */
  synchronized long drops() {
    long current = read();
    if (current >= 0) {
      lastKnown = current;
    }
    return lastKnown;
  }

  private long read() {
    long total = -1;
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      try {
        for (String line : Files.readAllLines(table)) {
          String[] columns = line.trim().split("\\s+");
          // columns: sl local_address rem_address st ... inode ref pointer drops
          if (columns.length > 2 && columns[1].endsWith(portHex) && !columns[0].equals("sl")) {
            total = Math.max(total, 0) + Long.parseLong(columns[columns.length - 1]);
          }
        }
      } catch (IOException | NumberFormatException e) {
        return -1; // a table we cannot read or parse: say unknown rather than 0
      }
    }
    return total;
  }
}
