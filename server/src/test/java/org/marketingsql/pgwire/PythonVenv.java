package org.marketingsql.pgwire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The Python clients Debian does not ship (SQLAlchemy 2.0, psycopg 3), in a virtual environment of Debian's
 * {@code /usr/bin/python3} that sees the system's packages (psycopg2): {@code .ci/venv} when {@code .ci/run} made it
 * with them, else one made once under {@code target/python-clients} with pip.
 */
final class PythonVenv {
  private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
  private static final Path CI_VENV = Path.of("..", ".ci", "venv").toAbsolutePath().normalize();
  private static final Path OWN_VENV = Path.of("target", "python-clients").toAbsolutePath();
  /** What every test of these clients needs, as pip installs it; {@code .ci/run} installs the same. */
  private static final List<String> PACKAGES = List.of("sqlalchemy==2.0.*", "psycopg==3.*");
  /** The imports that show {@link #PACKAGES} are there. */
  private static final String CHECK = "import psycopg, psycopg2, sqlalchemy; assert sqlalchemy.__version__.startswith('2.')";

  private PythonVenv() {
  }

  /** A python3 that imports SQLAlchemy 2, psycopg 3 and psycopg2, or null where none can be had. */
  static synchronized Path python() throws IOException, InterruptedException {
    for (Path venv : List.of(CI_VENV, OWN_VENV)) {
      Path python = venv.resolve("bin/python3");
      if (Files.isExecutable(python) && exits0(python.toString(), "-c", CHECK)) {
        return python;
      }
    }
    if (!Files.isExecutable(SYSTEM_PYTHON)
        || !exits0(SYSTEM_PYTHON.toString(), "-m", "venv", "--system-site-packages", OWN_VENV.toString())) {
      return null;
    }
    List<String> install = new ArrayList<>(List.of(OWN_VENV.resolve("bin/pip").toString(), "install", "--quiet"));
    install.addAll(PACKAGES);
    if (!exits0(install.toArray(String[]::new)) || !exits0(OWN_VENV.resolve("bin/python3").toString(), "-c", CHECK)) {
      return null;
    }
    return OWN_VENV.resolve("bin/python3");
  }

  /** Why {@link #python()} found none, for the skip or failure it causes. */
  static String missing() {
    return "no python3 with SQLAlchemy 2.0, psycopg 3 and psycopg2: run .ci/run, or install python3-venv and"
        + " python3-psycopg2 so the tests can make " + OWN_VENV;
  }

  private static boolean exits0(String... command) throws IOException, InterruptedException {
    Objects.requireNonNull(command, "command");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    return p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
