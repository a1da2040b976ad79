package org.marketingsql.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.marketingsql.reports.ReportDesigns;
import org.marketingsql.reports.ReportException;
import org.marketingsql.reports.ReportFormat;
import org.marketingsql.reports.ReportParameter;
import org.marketingsql.reports.ReportRenderer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Renders a bundled report, or any .rptdesign file, through the driver with BIRT. */
@Command(name = "report", description = "Render a BIRT report (bundled name or .rptdesign file) as PDF, HTML, XLSX or DOCX.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME|PATH.rptdesign",
      description = "a bundled report (annual-budget-review, quarterly-roi, weekly-cash-and-pacing, customer-ltv-cohorts,"
          + " nps-and-loyalty) or a design file; without it, the bundled reports and their parameters are listed")
  String report;

  @ArgGroup(exclusive = false)
  Target target = new Target();

  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a report parameter; repeat for several")
  List<String> params = List.of();

  @Option(names = "--format", defaultValue = "pdf", description = "pdf, html, xlsx or docx (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "where to write it (default: NAME.FORMAT here; - for stdout)")
  String out;

  @Override
  public Integer call() {
    try {
      ReportRenderer renderer = new ReportRenderer(target.url());
      if (report == null) {
        list(renderer);
        return 0;
      }
      ReportFormat chosen = ReportFormat.of(format);
      ReportDesigns.Design design = ReportDesigns.find(report);
      byte[] document = renderer.render(design, values(), chosen);
      if ("-".equals(out)) {
        System.out.write(document);
        System.out.flush();
        return 0;
      }
      Path file = Path.of(out != null ? out : design.name() + "." + chosen.extension()).toAbsolutePath();
      write(file, document);
      System.err.println("marketing-sql: wrote " + design.name() + " (" + chosen + ", " + document.length + " bytes) to " + file);
      return 0;
    } catch (ReportException | IllegalArgumentException e) {
      System.err.println("marketing-sql: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      System.err.println("marketing-sql: " + e);
      return 1;
    }
  }

  /** Writes through a temporary file, so a failed write never leaves half a report under the name. */
  static void write(Path file, byte[] document) throws IOException {
    Path parent = file.getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, ".report-", ".part");
    try {
      Files.write(temp, document);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--param needs NAME=VALUE, not '" + p + "'");
      }
      values.put(p.substring(0, eq).trim(), p.substring(eq + 1));
    }
    return values;
  }

  private static void list(ReportRenderer renderer) {
    for (String name : ReportDesigns.bundled()) {
      System.out.println(name);
      for (ReportParameter p : renderer.parameters(ReportDesigns.find(name))) {
        System.out.println("  --param " + p.name() + "=…  " + p.type() + (p.help().isEmpty() ? "" : ": " + p.help()));
      }
    }
  }
}
