package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Turns export headers and file names into SQL names that need no quoting in everyday use. */
public final class Names {

  private Names() {}

  /**
   * Normalises one header to snake_case: lower-case, runs of anything not a letter or digit become
   * {@code _}, leading and trailing {@code _} are trimmed, and a name starting with a digit gets a
   * {@code c_} prefix. A header without letters or digits gives the empty string.
   */
  static String snakeCase(String header) {
    Objects.requireNonNull(header, "header");
    StringBuilder sb = new StringBuilder(header.length());
    boolean pendingUnderscore = false;
    for (int i = 0; i < header.length(); ) {
      int cp = header.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        // underscores only between kept characters, which trims them at both ends
        if (pendingUnderscore && sb.length() > 0) {
          sb.append('_');
        }
        pendingUnderscore = false;
        sb.appendCodePoint(cp);
      } else {
        pendingUnderscore = true;
      }
    }
    String name = sb.toString().toLowerCase(Locale.ROOT);
    // SQL identifiers cannot start with a digit without quoting
    if (!name.isEmpty() && Character.isDigit(name.codePointAt(0))) {
      name = "c_" + name;
    }
    return name;
  }

  /**
   * The table name for an export: the file name without its extension, in {@link #snakeCase}; a
   * file name without letters or digits gives {@code export}.
   */
  public static String tableName(Path file) {
    Objects.requireNonNull(file, "file");
    Path fileName = file.getFileName();
    if (fileName == null) {
      throw new IllegalArgumentException("not a file: " + file);
    }
    String name = fileName.toString();
    int dot = name.lastIndexOf('.');
    String table = snakeCase(dot > 0 ? name.substring(0, dot) : name);
    return table.isEmpty() ? "export" : table;
  }

  /**
   * The header with a space at every lower-to-upper-case boundary ({@code CampaignId} becomes
   * {@code Campaign Id}), for platforms that write PascalCase; runs of capitals ({@code CTR}) stay one word.
   */
  static List<String> splitCamelCase(List<String> header) {
    List<String> split = new ArrayList<>(header.size());
    for (String cell : header) {
      StringBuilder sb = new StringBuilder(cell.length() + 4);
      for (int i = 0; i < cell.length(); i++) {
        char c = cell.charAt(i);
        if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(cell.charAt(i - 1))) {
          sb.append(' ');
        }
        sb.append(c);
      }
      split.add(sb.toString());
    }
    return split;
  }

  /**
   * Column names for a header: {@link #snakeCase} of each cell, {@code column_N} (1-based) for cells
   * without a name, and {@code _2}, {@code _3} ... appended to repeated names so every name is unique.
   */
  static List<String> columnNames(List<String> header) {
    List<String> base = new ArrayList<>(header.size());
    for (int i = 0; i < header.size(); i++) {
      String name = snakeCase(header.get(i));
      base.add(name.isEmpty() ? "column_" + (i + 1) : name);
    }
    // reserve every base name first so a suffixed name never takes a name written in the header
    Set<String> taken = new HashSet<>(base);
    Set<String> used = new HashSet<>();
    List<String> names = new ArrayList<>(base.size());
    for (String name : base) {
      String unique = name;
      if (!used.add(name)) {
        int n = 2;
        do {
          unique = name + "_" + n++;
        } while (taken.contains(unique) || used.contains(unique));
        used.add(unique);
      }
      names.add(unique);
    }
    return List.copyOf(names);
  }
}
