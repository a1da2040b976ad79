package org.marketingsql.reports;

import java.util.logging.Level;
import org.eclipse.birt.core.exception.BirtException;
import org.eclipse.birt.core.framework.Platform;
import org.eclipse.birt.report.engine.api.EngineConfig;
import org.eclipse.birt.report.engine.api.IReportEngine;
import org.eclipse.birt.report.engine.api.IReportEngineFactory;

/**
 * The one BIRT report engine of this JVM. Starting BIRT's platform scans every jar's
 * {@code plugin.xml} for extensions (emitters, ODA drivers, chart types) and takes a second or two,
 * so it happens once, on first use; the engine is thread-safe for creating tasks.
 */
final class BirtEngine {
  private static IReportEngine engine;

  private BirtEngine() {
  }

  static synchronized IReportEngine get() {
    if (engine == null) {
      EngineConfig config = new EngineConfig();
      // BIRT logs every script and data problem through java.util.logging; the renderer collects the
      // task's errors and reports them itself, so only severe engine trouble is worth a log line.
      config.setLogConfig(null, Level.SEVERE);
      try {
        Platform.startup(config);
      } catch (BirtException e) {
        throw new ReportException("the BIRT runtime did not start: " + e.getMessage()
            + " (are the BIRT jars of lib/ on the classpath?)", e);
      }
      IReportEngineFactory factory = (IReportEngineFactory) Platform
          .createFactoryObject(IReportEngineFactory.EXTENSION_REPORT_ENGINE_FACTORY);
      if (factory == null) {
        throw new ReportException("the BIRT report engine was not found on the classpath; the jar "
            + "org.eclipse.birt.report.engine and its plugin.xml must be there, unshaded");
      }
      engine = factory.createReportEngine(config);
      Runtime.getRuntime().addShutdownHook(new Thread(BirtEngine::stop, "birt-shutdown"));
    }
    return engine;
  }

  private static synchronized void stop() {
    if (engine != null) {
      engine.destroy();
      Platform.shutdown();
      engine = null;
    }
  }
}
