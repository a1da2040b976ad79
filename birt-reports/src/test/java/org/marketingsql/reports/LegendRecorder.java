package org.marketingsql.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.birt.chart.computation.LegendEntryRenderingHints;
import org.eclipse.birt.chart.factory.GeneratedChartState;
import org.eclipse.birt.chart.model.Chart;
import org.eclipse.birt.chart.model.attribute.Bounds;
import org.eclipse.birt.chart.model.component.Series;
import org.eclipse.birt.chart.model.data.SeriesDefinition;
import org.eclipse.birt.chart.script.ChartEventHandlerAdapter;
import org.eclipse.birt.chart.script.IChartScriptContext;
import org.eclipse.birt.chart.util.ChartUtil;

/**
 * A chart event handler that records, for every chart BIRT renders, the series of its run-time model and
 * the labels its legend actually draws (after BIRT's legend layout dropped or shortened what did not
 * fit). A chart names it in its {@code Script} element; BIRT's chart engine loads it by class name, so it
 * must be public with a public constructor.
 */
public final class LegendRecorder extends ChartEventHandlerAdapter {
  private static final List<RenderedChart> RENDERED = new ArrayList<>();

  /** One rendered chart: its title, its series in model order and the legend's labels in drawing order. */
  record RenderedChart(String title, List<String> series, List<String> legend) {
    RenderedChart {
      Objects.requireNonNull(title, "title");
      series = List.copyOf(series);
      legend = List.copyOf(legend);
    }
  }

  private String title;
  private final List<String> series = new ArrayList<>();
  private final List<String> legend = new ArrayList<>();

  /** Forgets what was recorded, before a report renders. */
  static synchronized void clear() {
    RENDERED.clear();
  }

  /** The charts rendered since {@link #clear()}, in rendering order. */
  static synchronized List<RenderedChart> rendered() {
    return List.copyOf(RENDERED);
  }

  @Override
  public void beforeRendering(GeneratedChartState gcs, IChartScriptContext icsc) {
    Chart chart = gcs.getChartModel();
    title = chart.getTitle() == null ? "" : chart.getTitle().getLabel().getCaption().getValue();
    for (SeriesDefinition definition : ChartUtil.getAllOrthogonalSeriesDefinitions(chart)) {
      for (Series s : definition.getRunTimeSeries()) {
        series.add(String.valueOf(s.getSeriesIdentifier()));
      }
    }
  }

  @Override
  public void beforeDrawLegendItem(LegendEntryRenderingHints hints, Bounds bounds, IChartScriptContext icsc) {
    legend.add(hints.getLabel().getCaption().getValue());
  }

  @Override
  public void afterRendering(GeneratedChartState gcs, IChartScriptContext icsc) {
    synchronized (LegendRecorder.class) {
      RENDERED.add(new RenderedChart(title, series, legend));
    }
  }
}
