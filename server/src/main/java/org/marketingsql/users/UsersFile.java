package org.marketingsql.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The users file (see docs/security.md): read for every login, so a user added while the server runs can log in
 * at once. Written only by {@link #add}, owner-only, through a temporary file so a reader never sees half.
 */
public final class UsersFile {
  private final Path path;

  public UsersFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  /** {@code ~/.marketing-sql/users}, the file every command uses unless told otherwise. */
  public static Path defaultPath() {
    return Path.of(System.getProperty("user.home"), ".marketing-sql", "users");
  }

  public Path path() {
    return path;
  }

  /** The user of that name; empty when the file or the user does not exist. */
  public Optional<User> find(String name) {
    return users().stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /** Every user; a malformed line is an error naming file and line, never skipped silently. */
  public List<User> users() {
    if (!Files.exists(path)) {
      return List.of();
    }
    try {
      List<User> users = new ArrayList<>();
      List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        try {
          users.add(User.parse(line));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(path + " line " + (i + 1) + ": " + e.getMessage(), e);
        }
      }
      return users;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read users file " + path, e);
    }
  }

  /** Adds {@code user}, replacing the line of a user with the same name. */
  public void add(User user) {
    List<String> lines = new ArrayList<>();
    boolean replaced = false;
    for (User existing : users()) {
      if (existing.name().equals(user.name())) {
        lines.add(user.line());
        replaced = true;
      } else {
        lines.add(existing.line());
      }
    }
    if (!replaced) {
      lines.add(user.line());
    }
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".users", ".tmp");
      ownerOnly(temp);
      Files.write(temp, lines, StandardCharsets.UTF_8);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      ownerOnly(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write users file " + path, e);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } else {
      // Without POSIX permissions (Windows) the best we can do is readable by the owner only.
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
    }
  }
}
