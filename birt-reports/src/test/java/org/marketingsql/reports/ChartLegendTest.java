package org.marketingsql.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every bundled report from the demo company with the real BIRT engine and checks, for every
 * chart it draws, that each series of the chart appears in full in the chart's legend. BIRT lays a legend
 * out within a share of the chart's size and silently leaves out, or shortens with "...", what does not
 * fit; this catches that for all charts of all reports, as they are rendered.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.SharedDemoHome.class)
class ChartLegendTest {
  private static final Pattern CHART_MODEL = Pattern.compile("(<extended-item extensionName=\"Chart\"[^>]*>\\s*"
      + "<xml-property name=\"xmlRepresentation\"><!\\[CDATA\\[.*?</Dimension>)", Pattern.DOTALL);

  static List<String> bundledReports() {
    return ReportDesigns.bundled();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundledReports")
  void everyChartOfTheReportShowsEachOfItsSeriesInItsLegend(String name) {
    String xml = new String(ReportDesigns.find(name).xml(), StandardCharsets.UTF_8);
    int charts = CHART_MODEL.matcher(xml).results().mapToInt(m -> 1).sum();
    assertTrue(charts > 0, name + " has charts");
    assertFalse(xml.contains("<Script>"), name + ": a chart with its own script would lose it to the recorder");
    String recorded = CHART_MODEL.matcher(xml).replaceAll(
        m -> Matcher.quoteReplacement(m.group(1) + "\n  <Script>" + LegendRecorder.class.getName() + "</Script>"));

    LegendRecorder.clear();
    new ReportRenderer("jdbc:marketing:demo").render(
        new ReportDesigns.Design(name, recorded.getBytes(StandardCharsets.UTF_8)), Map.of(), ReportFormat.PDF);

    List<LegendRecorder.RenderedChart> rendered = LegendRecorder.rendered();
    assertEquals(charts, rendered.size(), name + ": every chart of the design was rendered once: " + rendered);
    for (LegendRecorder.RenderedChart chart : rendered) {
      assertFalse(chart.series().isEmpty(), name + ", chart '" + chart.title() + "' has series");
      for (String series : chart.series()) {
        assertTrue(chart.legend().contains(series), name + ", chart '" + chart.title() + "': series '" + series
            + "' is not in the legend, which shows " + chart.legend());
      }
    }
  }
}
