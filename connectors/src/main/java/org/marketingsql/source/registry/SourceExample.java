package org.marketingsql.source.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.marketingsql.config.SourceKey;
import org.marketingsql.source.SourceDescriptor;

/**
 * A source's entry under {@code sources} as an example to fill in, written from its descriptor:
 * the required keys with a placeholder (secrets as {@code ${env:…}} references), then the optional
 * ones commented out with their default. {@code init}'s template and the docs show it.
 */
public final class SourceExample {
  /** What a required setting's value is until the user fills it in. */
  static final String PLACEHOLDER = "CHANGE_ME";

  private SourceExample() {
  }

  /** The entry's lines, without indentation, e.g. {@code - name: google_ads}. */
  public static List<String> lines(SourceDescriptor source) {
    Objects.requireNonNull(source, "source");
    String name = source.platform().orElse(source.type().key().replace('-', '_'));
    List<String> lines = new ArrayList<>();
    lines.add("- name: " + name);
    lines.add("  type: " + source.type().key());
    for (SourceKey key : source.type().keys()) {
      if (key.required()) {
        String value = key.secret() ? "${env:" + (name + "_" + snake(key.name())).toUpperCase(Locale.ROOT) + "}"
            : PLACEHOLDER;
        lines.add("  " + key.name() + ": " + (key.secret() ? "\"" + value + "\"" : value) + "   # " + key.description());
      }
    }
    for (SourceKey key : source.type().keys()) {
      if (!key.required()) {
        lines.add("  # " + key.name() + ": …   # " + key.description()
            + (key.defaultValue() == null ? "" : " Default: " + key.defaultValue() + "."));
      }
    }
    return lines;
  }

  /** The lines commented out and indented, for a template the user uncomments. */
  public static String commented(SourceDescriptor source, String indent) {
    StringBuilder text = new StringBuilder();
    for (String line : lines(source)) {
      String uncommented = line.startsWith("  # ") ? "  " + line.substring(4) : line;
      text.append(indent).append("# ").append(uncommented).append('\n');
    }
    return text.toString();
  }

  /** {@code customerId} → {@code customer_id}. */
  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
