package org.marketingsql.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal someone watches, so progress may be drawn in place. {@code
 * System.console()} alone is not enough: from JDK 22 it is there even when redirected, so its {@code
 * isTerminal()} is asked (found by reflection, as the build targets Java 17); and as it looks at
 * stdin and stdout only, on Linux stderr's own file descriptor must be a terminal device too. A
 * {@code TERM=dumb} terminal gets plain lines.
 */
final class StderrTerminal {
  private StderrTerminal() {
  }

  static boolean isTerminal() {
    Console console = System.console();
    if (console == null || !consoleIsTerminal(console) || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Path stderr = Path.of("/proc/self/fd/2");
    if (Files.isSymbolicLink(stderr)) {
      try {
        String target = Files.readSymbolicLink(stderr).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | SecurityException e) {
        return false;
      }
    }
    return true;
  }

  /** {@code Console.isTerminal()} where the JDK has it (22+); before, a console exists only on a terminal. */
  private static boolean consoleIsTerminal(Console console) {
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
