package org.marketingsql.store;

import java.nio.file.Path;

/**
 * A file's path as DuckDB's file readers ({@code read_csv}, {@code COPY ... FROM}) take it to mean that
 * one file. They expand a path holding {@code *}, {@code ?} or {@code [} as a glob, so a file named
 * {@code spend[1].csv} would read {@code spend1.csv}. In a path that needs it, every glob character
 * ({@code * ? [ ] { }}) becomes a one-character class ({@code [*]}, {@code [[]}, ...), which matches that
 * character only; a path without glob characters is passed as it is, which DuckDB reads literally.
 */
public final class DuckDbPaths {
  private static final String GLOB = "*?[]{}";

  private DuckDbPaths() {
  }

  /**
   * The absolute path of {@code file}, escaped so that DuckDB reads exactly that file (not yet quoted as
   * an SQL literal: see {@link Sql#literal}). Throws IllegalArgumentException for a path DuckDB cannot be
   * made to read literally: one with glob characters and a backslash, which DuckDB's glob takes as an escape.
   */
  public static String exact(Path file) {
    String path = file.toAbsolutePath().toString();
    boolean glob = path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
    if (!glob) {
      return path;
    }
    if (path.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("DuckDB cannot read " + path
          + " by name: it holds both glob characters and a backslash");
    }
    StringBuilder out = new StringBuilder(path.length() + 16);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (GLOB.indexOf(c) >= 0) {
        out.append('[').append(c).append(']');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
