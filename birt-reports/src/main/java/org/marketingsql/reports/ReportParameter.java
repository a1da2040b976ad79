package org.marketingsql.reports;

import java.util.Objects;

/**
 * One parameter a report design declares, as users see it.
 *
 * @param name the name to pass ({@code --param name=value})
 * @param type BIRT's data type: string, date, decimal, integer, boolean, …
 * @param prompt the label the design gives it
 * @param help what it means and what leaving it blank does
 * @param defaultValue the design's default as text, empty when blank means "the last complete period"
 * @param required whether a value must be given
 * @param pattern a regular expression a non-blank value must match (the design's user property
 *     {@code pattern}), or empty when any value goes
 */
public record ReportParameter(String name, String type, String prompt, String help, String defaultValue,
    boolean required, String pattern) {
  public ReportParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    prompt = prompt == null ? name : prompt;
    help = help == null ? "" : help;
    defaultValue = defaultValue == null ? "" : defaultValue;
    pattern = pattern == null ? "" : pattern;
  }

  /** Whether a value given as text is acceptable: blank (the default applies), or matching the pattern. */
  public boolean accepts(String value) {
    return value == null || value.isBlank() || pattern.isEmpty() || value.trim().matches(pattern);
  }

  /** One line for an error message or a listing: {@code quarter (string, default: last complete quarter)}. */
  public String describe() {
    return name + " (" + type + (required ? ", required" : "") + (help.isEmpty() ? "" : ": " + help) + ")";
  }
}
