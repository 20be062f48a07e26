package io.sne.cli;

import picocli.CommandLine;

/**
 * Bad input (a missing file, a corrupt recording, an incompatible model) is the user's to fix:
 * print one clear line instead of a stack trace. Set SNE_DEBUG=1 to see the trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (System.getenv("SNE_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    cmd.getErr().println(cmd.getColorScheme().errorText("sne " + cmd.getCommandName() + ": " + message));
    return 1;
  }
}
