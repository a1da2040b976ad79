package org.marketingsql.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A random key the server keeps beside its users file ({@code users.secret} next to {@code users}),
 * owner-only, created once and never rotated by the server: what it derives from the key (the SCRAM salt
 * shown for a user name that does not exist) stays the same from login to login and across restarts.
 * Its content never reaches a log or a message.
 */
public final class ServerSecret {
  private static final int BYTES = 32;
  private final Path path;
  private final byte[] key;

  private ServerSecret(Path path, byte[] key) {
    this.path = path;
    this.key = key;
  }

  /** The secret file that belongs to {@code usersFile}: its name with {@code .secret} appended. */
  public static Path pathBeside(Path usersFile) {
    Objects.requireNonNull(usersFile, "usersFile");
    Path absolute = usersFile.toAbsolutePath();
    return absolute.resolveSibling(absolute.getFileName() + ".secret");
  }

  /**
   * Reads the secret beside {@code usersFile}, creating it first when it is missing. Creation is atomic:
   * the key is written to an owner-only temporary file that is then linked under the final name, so a
   * concurrent reader sees the whole key or none, and when two processes race the first one's key wins.
   */
  public static ServerSecret beside(Path usersFile) {
    Path path = pathBeside(usersFile);
    try {
      if (!Files.exists(path)) {
        create(path);
      }
      return new ServerSecret(path, read(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the server secret " + path + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  /** HMAC-SHA-256 under the secret of {@code purpose} and {@code value}, kept apart by a zero byte. */
  public byte[] hmac(String purpose, String value) {
    byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[p.length + 1 + v.length];
    System.arraycopy(p, 0, message, 0, p.length);
    System.arraycopy(v, 0, message, p.length + 1, v.length);
    return ScramVerifier.hmac(key, message);
  }

  @Override
  public String toString() {
    return "ServerSecret[" + path + "]";
  }

  private static void create(Path path) throws IOException {
    Path dir = path.getParent();
    Files.createDirectories(dir);
    byte[] key = new byte[BYTES];
    new SecureRandom().nextBytes(key);
    Path temp = Files.createTempFile(dir, ".secret", ".tmp");
    try {
      ownerOnly(temp);
      Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.createLink(path, temp);
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: its key is the one
      } catch (UnsupportedOperationException | IOException noLinks) {
        // a file system without hard links: a plain move, which refuses to replace a racing process's key
        try {
          Files.move(temp, path);
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: its key is the one
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] read(Path path) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> open = Files.getPosixFilePermissions(path);
      open.retainAll(EnumSet.complementOf(EnumSet.of(
          PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE)));
      if (!open.isEmpty()) {
        throw new IOException("others may use it (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
            + "); make it owner-only: chmod 600 " + path);
      }
    }
    String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("it is not base64; delete it to have a new one made", e);
    }
    if (key.length < BYTES) {
      throw new IOException("it holds " + key.length + " bytes, fewer than " + BYTES + "; delete it to have a new one made");
    }
    return key;
  }

  private static void ownerOnly(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } else {
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
    }
  }
}
