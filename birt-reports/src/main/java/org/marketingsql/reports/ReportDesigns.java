package org.marketingsql.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The bundled report designs, and how a name or a path on the command line becomes a design. */
public final class ReportDesigns {
  /** The bundled reports, in the order finance meets: year, quarter, week, then customers. */
  public static final List<String> BUNDLED = List.of("annual-budget-review", "quarterly-roi",
      "weekly-cash-and-pacing", "customer-ltv-cohorts", "nps-and-loyalty");
  private static final String FOLDER = "/org/marketingsql/reports/designs/";

  private ReportDesigns() {
  }

  /** The bundled reports this build has, in {@link #BUNDLED}'s order. */
  public static List<String> bundled() {
    return BUNDLED.stream().filter(n -> ReportDesigns.class.getResource(FOLDER + n + ".rptdesign") != null).toList();
  }

  /** A design's name (for messages and file names) and its XML. */
  public record Design(String name, byte[] xml) {
    public Design {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(xml, "xml");
    }
  }

  /**
   * A bundled design by name ({@code quarterly-roi}), or a {@code .rptdesign} file anywhere.
   *
   * @throws ReportException naming the bundled reports when neither exists
   */
  public static Design find(String nameOrPath) {
    Objects.requireNonNull(nameOrPath, "nameOrPath");
    if (nameOrPath.endsWith(".rptdesign") || nameOrPath.contains("/") || nameOrPath.contains("\\")) {
      Path path = Path.of(nameOrPath);
      try {
        String file = path.getFileName().toString();
        return new Design(file.replaceFirst("\\.rptdesign$", ""), Files.readAllBytes(path));
      } catch (IOException e) {
        throw new ReportException("cannot read the report design " + path.toAbsolutePath() + ": " + e.getMessage(), e);
      }
    }
    try (InputStream in = ReportDesigns.class.getResourceAsStream(FOLDER + nameOrPath + ".rptdesign")) {
      if (in == null) {
        throw new ReportException("there is no bundled report '" + nameOrPath + "'; the bundled reports are "
            + String.join(", ", bundled()) + ", or give the path of a .rptdesign file");
      }
      return new Design(nameOrPath, in.readAllBytes());
    } catch (IOException e) {
      throw new ReportException("cannot read the bundled report " + nameOrPath + ": " + e.getMessage(), e);
    }
  }
}
