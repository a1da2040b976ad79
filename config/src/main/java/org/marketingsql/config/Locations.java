package org.marketingsql.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where Marketing SQL keeps its own files: stores of the demo and of quick-start folders in the
 * user's cache folder, the default store of a configuration in the user's data folder — never
 * inside an export folder. The system property {@code marketingsql.home} moves both (tests, CI).
 */
public final class Locations {
  private Locations() {
  }

  /** The cache folder: {@code $XDG_CACHE_HOME/marketing-sql}, else {@code ~/.cache/marketing-sql}. */
  public static Path cacheDir() {
    String home = System.getProperty("marketingsql.home");
    if (home != null) {
      return Path.of(home, "cache");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome().resolve(".cache")).resolve("marketing-sql");
  }

  /** The data folder: {@code $XDG_DATA_HOME/marketing-sql}, else {@code ~/.local/share/marketing-sql}. */
  public static Path dataDir() {
    String home = System.getProperty("marketingsql.home");
    if (home != null) {
      return Path.of(home, "data");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome().resolve(".local/share")).resolve("marketing-sql");
  }

  /** The default store of a configuration: one DuckDB file per configuration file. */
  public static String defaultStoreUrl(String modelIdentity) {
    return "jdbc:duckdb:" + dataDir().resolve("store-" + shortHash(modelIdentity) + ".duckdb");
  }

  /** A short stable name for a path or URL, to keep stores of different folders apart. */
  public static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Path userHome() {
    return Path.of(System.getProperty("user.home"));
  }
}
