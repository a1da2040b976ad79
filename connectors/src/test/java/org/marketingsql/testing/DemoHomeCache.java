package org.marketingsql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo company as one test JVM built it (its exports and its store, {@code cache/demo-*} of a home), kept for the
 * later test JVMs of the same build: a home that only needs the demo built starts with a copy of it instead of
 * building it again (about 45 s each). A copied demo is the same data in a folder of another name, which the store
 * recognises as loaded (it knows export files by their path inside the folder, and the copy keeps their sizes and
 * times), so the first query only checks it.
 *
 * <p>The build sets {@value #PROPERTY} to a folder of its own per Maven run ({@code target/demo-cache-<start time>}
 * of the project), so a demo is never kept from one run of the code to the next; without the property nothing is
 * kept or copied and every home builds its own demo. Tests that check how the demo is built use homes of their own
 * ({@link IsolatedHome}) and never a copy.
 */
public final class DemoHomeCache {
  /** The system property naming the folder the demo is kept in. */
  public static final String PROPERTY = "marketingsql.test.demoCache";

  private DemoHomeCache() {
  }

  /** Copies the kept demo into {@code home}'s cache folder, if a test JVM of this build kept one; whether it did. */
  public static boolean seed(Path home) {
    Optional<Path> kept = folder().filter(Files::isDirectory);
    if (kept.isEmpty()) {
      return false;
    }
    try {
      copyTree(kept.get(), home.resolve("cache"));
      return true;
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot copy the kept demo from " + kept.get() + " into " + home, e);
    }
  }

  /**
   * Keeps {@code home}'s built demo (every {@code cache/demo-*} folder with a published store) for the later test JVMs
   * of this build, unless one is kept already. Copied aside and moved into place, so a demo is kept whole or not at all.
   */
  public static void keep(Path home) {
    Optional<Path> target = folder();
    Path cache = home.resolve("cache");
    if (target.isEmpty() || Files.exists(target.get()) || !Files.isDirectory(cache)) {
      return;
    }
    try (Stream<Path> demos = Files.list(cache)) {
      if (demos.noneMatch(d -> d.getFileName().toString().startsWith("demo-")
          && Files.exists(d.resolve("store").resolve("CURRENT")))) {
        return; // not built (yet) in this home
      }
    } catch (IOException e) {
      return;
    }
    Path aside = target.get().resolveSibling(target.get().getFileName() + ".part-" + ProcessHandle.current().pid());
    try {
      try (Stream<Path> demos = Files.list(cache)) {
        for (Path demo : demos.filter(d -> d.getFileName().toString().startsWith("demo-")).toList()) {
          copyTree(demo, aside.resolve(demo.getFileName().toString()));
        }
      }
      Files.move(aside, target.get(), StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // another JVM kept one first, or the folder cannot be moved into place: the copy aside is dropped
    } catch (IOException | UncheckedIOException e) {
      // a demo that cannot be kept is built again by the next JVM, as without the cache
    } finally {
      IsolatedHome.deleteTree(aside);
    }
  }

  private static Optional<Path> folder() {
    String folder = System.getProperty(PROPERTY, "");
    return folder.isBlank() ? Optional.empty() : Optional.of(Path.of(folder));
  }

  /** Copies {@code from} into {@code to}, keeping the files' times. */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
