package org.marketingsql.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One finance view as written in its resource file {@code org/marketingsql/views/<name>.sql}: the
 * SQL, and from its header comments the view's description, each column's remarks, and the metrics
 * it defines. Header lines:
 * <pre>
 * -- description: text
 * -- column name: remarks
 * -- metric name | unit | formula | description      (also becomes the column's remarks)
 * </pre>
 * The SQL may use {@code ${reportingCurrency}} and {@code ${grossMargin}}, set from the configuration.
 */
record ViewDefinition(String name, String sql, String description, Map<String, String> columnRemarks,
    List<Metric> metrics) {

  /** A computed column finance reads, with its formula: a row of {@code finance.metric_definitions}. */
  record Metric(String metric, String unit, String formula, String description) {
    Metric {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(formula, "formula");
    }
  }

  ViewDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sql, "sql");
    columnRemarks = Map.copyOf(columnRemarks);
    metrics = List.copyOf(metrics);
  }

  static ViewDefinition load(String name, Map<String, String> settings) {
    String resource = "/org/marketingsql/views/" + name + ".sql";
    String text;
    try (InputStream in = ViewDefinition.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("view resource " + resource + " is missing from the jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read view resource " + resource, e);
    }
    return parse(name, text, settings);
  }

  static ViewDefinition parse(String name, String template, Map<String, String> settings) {
    String text = template;
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      text = text.replace("${" + setting.getKey() + "}", setting.getValue());
    }
    String description = null;
    Map<String, String> remarks = new LinkedHashMap<>();
    List<Metric> metrics = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("-- description:")) {
        description = trimmed.substring("-- description:".length()).trim();
      } else if (trimmed.startsWith("-- column ")) {
        String rest = trimmed.substring("-- column ".length());
        int colon = rest.indexOf(':');
        remarks.put(rest.substring(0, colon).trim(), rest.substring(colon + 1).trim());
      } else if (trimmed.startsWith("-- metric ")) {
        String[] parts = trimmed.substring("-- metric ".length()).split("\\|");
        if (parts.length != 4) {
          throw new IllegalStateException("view " + name + ": a metric line has 4 parts separated by |: " + trimmed);
        }
        Metric metric = new Metric(parts[0].trim(), parts[1].trim(), parts[2].trim(), parts[3].trim());
        metrics.add(metric);
        remarks.put(metric.metric(), metric.formula() + " -- " + metric.description());
      } else if (!trimmed.startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    String resolved = sql.toString().trim();
    if (resolved.contains("${")) {
      throw new IllegalStateException("view " + name + " uses a setting nobody set: " + resolved);
    }
    return new ViewDefinition(name, resolved, description, remarks, metrics);
  }
}
