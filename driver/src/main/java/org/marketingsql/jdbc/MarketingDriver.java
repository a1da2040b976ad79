package org.marketingsql.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogManager;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.access.ConnectionPolicies;
import org.marketingsql.schema.ConnectRefresh;
import org.marketingsql.schema.MarketingSchemaFactory;

/**
 * The Marketing SQL JDBC driver: {@code jdbc:marketing:demo}, {@code jdbc:marketing:model=FILE} and
 * {@code jdbc:marketing:csv=DIR} (see docs/configuration.md). A Calcite driver whose connections see the finance
 * views, with formulas as column REMARKS and SQLSTATEs on errors. The connection property (or URL
 * setting, {@code ;readableSchemas=finance}) {@value AccessPolicy#PROPERTY} narrows what a connection
 * reads and lists ({@link AccessPolicy}). A connection reads the store's last published snapshot and
 * never writes; {@code refresh=wait} (property or URL setting) refreshes the store before it answers
 * ({@link ConnectRefresh}).
 */
public final class MarketingDriver extends Driver {
  public static final String PREFIX = "jdbc:marketing:";
  /** The schema a demo or quick-start URL connects to, and its default. */
  private static final String SCHEMA = "marketing";

  /**
   * The driver's loggers in java.util.logging, where the shaded jar's SLF4J logs: held here, because the logging
   * framework keeps a logger (and the level set on it) only while something refers to it.
   */
  private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("org.marketingsql");

  static {
    CalciteDefaults.load();
    // In a BI tool's JVM the driver says what went wrong, not what it did: warnings and errors, unless the tool's
    // logging configuration sets a level for org.marketingsql itself.
    if (JUL.getLevel() == null && LogManager.getLogManager().getProperty(JUL.getName() + ".level") == null) {
      JUL.setLevel(Level.WARNING);
    }
    new MarketingDriver().register();
  }

  /**
   * The {@code marketing} schema's operand while a demo or quick-start connection is being made: the driver assembles
   * that schema itself, so such a connection never parses a model (Calcite's model reader is Jackson's data binding,
   * about 600 classes loaded and initialised on a BI tool's first connection).
   */
  private static final ThreadLocal<Map<String, Object>> OPERAND = new ThreadLocal<>();

  public MarketingDriver() {
    super();
  }

  @Override
  protected Handler createHandler() {
    Handler calcite = super.createHandler();
    return new Handler() {
      @Override
      public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        Map<String, Object> operand = OPERAND.get();
        if (operand != null) {
          // as Calcite's model reader adds a custom schema and makes it the default
          SchemaPlus root = ((CalciteConnection) connection).getRootSchema();
          root.add(SCHEMA, new MarketingSchemaFactory().create(root, SCHEMA, operand));
          connection.setSchema(SCHEMA);
        }
        calcite.onConnectionInit(connection);
      }

      @Override
      public void onConnectionClose(AvaticaConnection connection) {
        calcite.onConnectionClose(connection);
      }

      @Override
      public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
        calcite.onStatementExecute(statement, resultSink);
      }

      @Override
      public void onStatementClose(AvaticaStatement statement) {
        calcite.onStatementClose(statement);
      }
    };
  }

  @Override
  public org.apache.calcite.jdbc.CalcitePrepare createPrepare() {
    return new PlanCache();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("Marketing SQL JDBC Driver", ProductVersion.text(), "Marketing SQL", ProductVersion.text(),
        true, ProductVersion.major(), ProductVersion.minor(), ProductVersion.major(), ProductVersion.minor());
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    CalciteConnection calcite = (CalciteConnection) connection;
    return CalciteMetaImpl.create(calcite, RemarksFactories.TABLES, RemarksFactories.columns(calcite));
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null || !url.startsWith(PREFIX)) {
      return null; // not ours: DriverManager asks the next driver
    }
    String rest = url.substring(PREFIX.length());
    ConnectionTarget target = ConnectionTarget.parse(rest);
    Properties properties = target.properties(info);
    Map<String, Object> operand = target.operand();
    // the property and the URL's setting can each only narrow what the connection reads
    AccessPolicy policy = AccessPolicy.parse(properties.getProperty(AccessPolicy.PROPERTY))
        .narrowedBy(AccessPolicy.parse(ConnectionTarget.setting(rest, AccessPolicy.PROPERTY)));
    properties.remove(AccessPolicy.PROPERTY);
    // refresh=wait (property or URL setting): refresh before answering; else answer from the last snapshot
    String refreshSetting = ConnectionTarget.setting(rest, ConnectRefresh.PROPERTY);
    ConnectRefresh refresh;
    try {
      refresh = ConnectRefresh.parse(refreshSetting != null ? refreshSetting
          : properties.getProperty(ConnectRefresh.PROPERTY));
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
    properties.remove(ConnectRefresh.PROPERTY);
    Connection connection;
    try {
      connection = refresh.during(() -> {
        OPERAND.set(operand);
        try {
          return super.connect(PREFIX, properties);
        } finally {
          OPERAND.remove();
        }
      });
    } catch (Exception e) {
      throw SqlStates.connectFailure(url, e);
    }
    // before any statement: what the connection's statements may read, and its catalogs show
    ConnectionPolicies.attach(connection, policy);
    return SqlStates.wrap(connection, ConnectionPolicies.of(connection));
  }
}
