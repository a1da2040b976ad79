package org.marketingsql.reports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.birt.core.exception.BirtException;
import org.eclipse.birt.report.engine.api.HTMLRenderOption;
import org.eclipse.birt.report.engine.api.IGetParameterDefinitionTask;
import org.eclipse.birt.report.engine.api.IParameterDefnBase;
import org.eclipse.birt.report.engine.api.IReportEngine;
import org.eclipse.birt.report.engine.api.IReportRunnable;
import org.eclipse.birt.report.engine.api.IRunAndRenderTask;
import org.eclipse.birt.report.engine.api.IScalarParameterDefn;
import org.eclipse.birt.report.engine.api.PDFRenderOption;
import org.eclipse.birt.report.engine.api.RenderOption;

/**
 * Renders a report design through BIRT with the Marketing SQL driver: the design's ODA JDBC data
 * source reads the connection URL from the application context key {@link #URL_KEY} (falling back to
 * the system property of the same name, then {@code jdbc:marketing:demo}), and its data sets bind the
 * report parameters to {@code ?} markers. Any error BIRT reports while running fails the render, so a
 * report never goes out with a section silently missing.
 */
public final class ReportRenderer {
  /** Application context key and system property naming the JDBC URL the designs connect to. */
  public static final String URL_KEY = "marketingsql.url";
  /** The URL designs use when nobody sets one. */
  public static final String DEFAULT_URL = "jdbc:marketing:demo";

  private final String connectionUrl;

  /** @param connectionUrl the {@code jdbc:marketing:} URL the reports read from */
  public ReportRenderer(String connectionUrl) {
    this.connectionUrl = Objects.requireNonNull(connectionUrl, "connectionUrl");
    if (!connectionUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("the reports' connection must be a JDBC URL, not " + connectionUrl);
    }
  }

  /** A design's title and description as its author wrote them, and its parameters. */
  public record ReportInfo(String name, String title, String description, List<ReportParameter> parameters) {
    public ReportInfo {
      Objects.requireNonNull(name, "name");
      title = title == null || title.isBlank() ? name : title;
      description = description == null ? "" : description;
      parameters = List.copyOf(parameters);
    }
  }

  /** What a portal or a listing shows of a design. */
  public ReportInfo info(ReportDesigns.Design design) {
    IReportRunnable runnable = open(BirtEngine.get(), design);
    var handle = (org.eclipse.birt.report.model.api.ReportDesignHandle) runnable.getDesignHandle();
    return new ReportInfo(design.name(), handle.getTitle(), handle.getDescription(), parameters(design));
  }

  /** The parameters the design declares, in its order. */
  public List<ReportParameter> parameters(ReportDesigns.Design design) {
    IReportEngine engine = BirtEngine.get();
    IReportRunnable runnable = open(engine, design);
    IGetParameterDefinitionTask task = engine.createGetParameterDefinitionTask(runnable);
    var handle = (org.eclipse.birt.report.model.api.ReportDesignHandle) runnable.getDesignHandle();
    try {
      List<ReportParameter> out = new ArrayList<>();
      for (Object o : task.getParameterDefns(false)) {
        if (o instanceof IScalarParameterDefn p && p.getParameterType() == IParameterDefnBase.SCALAR_PARAMETER) {
          Object dflt = task.getDefaultValue(p);
          var parameter = handle.findParameter(p.getName());
          Object pattern = parameter == null ? null : parameter.getProperty("pattern");
          out.add(new ReportParameter(p.getName(), typeName(p.getDataType()), p.getPromptText(), p.getHelpText(),
              dflt == null ? "" : String.valueOf(dflt), p.isRequired(), pattern == null ? null : String.valueOf(pattern)));
        }
      }
      return out;
    } finally {
      task.close();
    }
  }

  /**
   * Runs and renders the report.
   *
   * @param values parameter values as text ({@code 2025-Q3}, {@code 2025-09-30}); absent ones take the
   *     design's default
   * @return the whole document; nothing is returned when BIRT reported any error
   * @throws ReportException naming the report: an unknown parameter or a bad value (listing the
   *     report's parameters), or what failed while running
   */
  public byte[] render(ReportDesigns.Design design, Map<String, String> values, ReportFormat format) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(format, "format");
    List<ReportParameter> declared = parameters(design);
    Map<String, Object> typed = typedValues(design, declared, values);
    IReportEngine engine = BirtEngine.get();
    IRunAndRenderTask task = engine.createRunAndRenderTask(open(engine, design));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> context = task.getAppContext();
      context.put(URL_KEY, connectionUrl);
      task.setAppContext(context);
      task.setParameterValues(typed);
      if (!task.validateParameters()) {
        throw new ReportException("report " + design.name() + ": the parameters are not valid; the report takes "
            + describe(declared));
      }
      RenderOption option = option(format);
      option.setOutputStream(out);
      task.setRenderOption(option);
      task.run();
      List<?> errors = task.getErrors();
      if (!errors.isEmpty()) {
        Throwable first = errors.get(0) instanceof Throwable t ? t : null;
        throw new ReportException("report " + design.name() + " failed: " + errors.stream()
            .map(e -> e instanceof Throwable t ? rootMessage(t) : String.valueOf(e)).distinct()
            .collect(Collectors.joining("; ")), first);
      }
    } catch (BirtException e) {
      throw new ReportException("report " + design.name() + " failed: " + rootMessage(e), e);
    } finally {
      task.close();
    }
    return out.toByteArray();
  }

  private static RenderOption option(ReportFormat format) {
    return switch (format) {
      case PDF -> {
        PDFRenderOption pdf = new PDFRenderOption();
        pdf.setOutputFormat("pdf");
        yield pdf;
      }
      case HTML -> {
        HTMLRenderOption html = new HTMLRenderOption();
        html.setOutputFormat("html");
        html.setImageHandler(new InlineImageHandler());
        html.setSupportedImageFormats("PNG;GIF;JPG;BMP");
        html.setEmbeddable(false);
        yield html;
      }
      case XLSX, DOCX -> {
        RenderOption other = new RenderOption();
        other.setOutputFormat(format.extension());
        yield other;
      }
    };
  }

  private static Map<String, Object> typedValues(ReportDesigns.Design design, List<ReportParameter> declared,
      Map<String, String> values) {
    Map<String, ReportParameter> byName = new LinkedHashMap<>();
    declared.forEach(p -> byName.put(p.name(), p));
    Map<String, Object> typed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      ReportParameter p = byName.get(e.getKey());
      if (p == null) {
        throw new ReportException("report " + design.name() + " has no parameter '" + e.getKey() + "'; it takes "
            + describe(declared));
      }
      if (!p.accepts(e.getValue())) {
        throw new ReportException("report " + design.name() + ": '" + e.getValue() + "' is not a valid value for "
            + p.name() + "; it takes " + describe(declared));
      }
      try {
        typed.put(p.name(), convert(p.type(), e.getValue()));
      } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException ex) {
        throw new ReportException("report " + design.name() + ": '" + e.getValue() + "' is not a valid " + p.type()
            + " for parameter " + p.name() + "; it takes " + describe(declared), ex);
      }
    }
    return typed;
  }

  private static Object convert(String type, String text) {
    String v = text.trim();
    return switch (type) {
      case "date" -> Date.valueOf(LocalDate.parse(v));
      case "decimal", "float" -> new BigDecimal(v);
      case "integer" -> Integer.valueOf(v);
      case "boolean" -> {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("not true or false");
        }
        yield Boolean.valueOf(v);
      }
      default -> text;
    };
  }

  private static String typeName(int dataType) {
    return switch (dataType) {
      case IScalarParameterDefn.TYPE_DATE -> "date";
      case IScalarParameterDefn.TYPE_DATE_TIME -> "datetime";
      case IScalarParameterDefn.TYPE_DECIMAL -> "decimal";
      case IScalarParameterDefn.TYPE_FLOAT -> "float";
      case IScalarParameterDefn.TYPE_INTEGER -> "integer";
      case IScalarParameterDefn.TYPE_BOOLEAN -> "boolean";
      case IScalarParameterDefn.TYPE_TIME -> "time";
      default -> "string";
    };
  }

  private static String describe(List<ReportParameter> declared) {
    return declared.isEmpty() ? "no parameters"
        : declared.stream().map(ReportParameter::describe).collect(Collectors.joining("; "));
  }

  private static IReportRunnable open(IReportEngine engine, ReportDesigns.Design design) {
    try {
      return engine.openReportDesign(design.name(), new ByteArrayInputStream(design.xml()));
    } catch (BirtException e) {
      String details = "";
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.eclipse.birt.report.model.api.DesignFileException file) {
          details = ": " + file.getErrorList().stream().map(String::valueOf).distinct().collect(Collectors.joining("; "));
        }
      }
      throw new ReportException("the report design " + design.name() + " cannot be opened: " + rootMessage(e) + details, e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return t == root || t.getMessage() == null ? message : t.getMessage().strip() + " (" + message.strip() + ")";
  }

  @Override
  public String toString() {
    return "ReportRenderer[" + connectionUrl + "]";
  }
}
