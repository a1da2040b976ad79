package org.marketingsql.source.export;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The entries of an export folder named {@code *.csv} or {@code *.tsv}, split into the files that load
 * and the entries that are skipped, with why. A file loads only when it is a regular file whose real
 * path (symbolic links resolved) lies inside the folder and it can be read: a link to a file elsewhere,
 * a directory, a FIFO, a device or socket, a dangling link and an unreadable file are skipped, so nothing
 * outside the folder becomes a table and nothing blocks a load.
 */
public record ExportFolderEntries(List<Path> files, List<Skipped> skipped) {
  /** An entry that is not loaded, and why. */
  public record Skipped(Path entry, String reason) {
    public Skipped {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public ExportFolderEntries {
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
  }

  /** Lists {@code folder}, in name order; throws IllegalStateException naming the folder when it cannot. */
  public static ExportFolderEntries list(Path folder) {
    Objects.requireNonNull(folder, "folder");
    List<Path> files = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    try {
      Path inside = folder.toRealPath();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
          if (!(name.endsWith(".csv") || name.endsWith(".tsv"))) {
            continue;
          }
          String reason = whyNot(entry, inside);
          if (reason == null) {
            files.add(entry);
          } else {
            skipped.add(new Skipped(entry, reason));
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list export folder " + folder + ": " + e.getMessage(), e);
    }
    files.sort(null);
    skipped.sort(Comparator.comparing(Skipped::entry));
    return new ExportFolderEntries(files, skipped);
  }

  /** Why {@code entry} is not loaded, or null when it is. */
  private static String whyNot(Path entry, Path inside) {
    BasicFileAttributes own;
    try {
      own = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return "cannot be examined (" + e.getMessage() + ")";
    }
    Path real;
    BasicFileAttributes target;
    try {
      real = entry.toRealPath();
      target = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return own.isSymbolicLink() ? "a symbolic link to nothing that exists" : "cannot be examined (" + e + ")";
    }
    if (!real.startsWith(inside)) {
      return "a symbolic link to " + real + ", outside the folder; only files inside the folder are loaded";
    }
    if (target.isDirectory()) {
      return "a directory, not a file";
    }
    if (!target.isRegularFile()) {
      return "not a regular file (a FIFO, socket or device); only regular files are loaded";
    }
    if (!Files.isReadable(real)) {
      return "cannot be read (permissions)";
    }
    return null;
  }
}
