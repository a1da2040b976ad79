package org.marketingsql.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.SharedDemoHome.class)
class ReportRendererTest {
  private static final ReportRenderer RENDERER = new ReportRenderer("jdbc:marketing:demo");

  @Test
  void theQuarterlyReportRendersAsPdfThroughTheDriver() throws Exception {
    byte[] pdf = RENDERER.render(ReportDesigns.find("quarterly-roi"), Map.of(), ReportFormat.PDF);
    Files.write(Path.of("target/quarterly-roi.pdf"), pdf);
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
  }

  @Test
  void aValueNotShapedLikeItsParameterIsRefusedListingTheReportsParameters() {
    ReportException e = assertThrows(ReportException.class,
        () -> RENDERER.render(ReportDesigns.find("quarterly-roi"), Map.of("quarter", "2025-Q5"), ReportFormat.PDF));
    assertTrue(e.getMessage().contains("'2025-Q5' is not a valid value for quarter") && e.getMessage().contains("e.g. 2025-Q3"),
        e.getMessage());
  }

  @Test
  void everyBundledReportsPeriodParameterDeclaresItsShape() {
    for (String name : ReportDesigns.bundled()) {
      List<ReportParameter> params = RENDERER.parameters(ReportDesigns.find(name));
      assertTrue(params.stream().anyMatch(p -> !p.pattern().isEmpty() && !p.accepts("nonsense")), name + ": " + params);
      assertTrue(params.stream().anyMatch(p -> p.name().equals("company")), name + " has a company for its header");
    }
  }

  /** The BIRT Viewer sets no application context: the designs then take the URL from the system property. */
  @Test
  void withoutTheApplicationContextADesignConnectsToTheUrlOfTheSystemProperty() throws Exception {
    String before = System.getProperty(ReportRenderer.URL_KEY);
    System.setProperty(ReportRenderer.URL_KEY, "jdbc:marketing:csv=/no/such/export/folder");
    try {
      var engine = BirtEngine.get();
      var task = engine.createRunAndRenderTask(engine.openReportDesign(
          new ByteArrayInputStream(ReportDesigns.find("nps-and-loyalty").xml())));
      var option = new org.eclipse.birt.report.engine.api.PDFRenderOption();
      option.setOutputFormat("pdf");
      option.setOutputStream(new ByteArrayOutputStream());
      task.setRenderOption(option);
      task.run();
      List<?> errors = task.getErrors();
      task.close();
      assertTrue(errors.stream().anyMatch(e -> String.valueOf(((Throwable) e).getMessage()).contains("/no/such/export/folder")),
          "the design connected elsewhere: " + errors);
    } finally {
      if (before == null) {
        System.clearProperty(ReportRenderer.URL_KEY);
      } else {
        System.setProperty(ReportRenderer.URL_KEY, before);
      }
    }
  }

  @Test
  void anUnknownParameterIsRefusedListingTheReportsParameters() {
    ReportException e = assertThrows(ReportException.class,
        () -> RENDERER.render(ReportDesigns.find("quarterly-roi"), Map.of("quater", "2025-Q3"), ReportFormat.PDF));
    assertTrue(e.getMessage().contains("no parameter 'quater'") && e.getMessage().contains("quarter (string"),
        e.getMessage());
  }
}
