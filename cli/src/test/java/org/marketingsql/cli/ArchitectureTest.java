package org.marketingsql.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The direction the modules depend in, checked on the compiled classes of every module (this module's
 * tests see them all): config, connectors, store, finance, the Calcite schema, the driver, then the
 * reports, the server and the command line. A package that uses one above it, or any two packages
 * that use each other, fail the build. docs/architecture.md draws the same picture.
 */
@AnalyzeClasses(packages = "org.marketingsql", importOptions = ArchitectureTest.ProductionClasses.class)
class ArchitectureTest {

  /** Only the modules' own classes: neither test classes nor the helpers in the test-jars. */
  static final class ProductionClasses implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }

  @ArchTest
  static final ArchRule noTwoPackagesDependOnEachOtherEvenThroughOthers = slices()
      .matching("org.marketingsql.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule eachLayerUsesOnlyTheLayersBelowIt = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("config").definedBy("org.marketingsql.config..")
      .layer("connectors").definedBy("org.marketingsql.source..")
      .layer("store").definedBy("org.marketingsql.store..", "org.marketingsql.ingest..")
      .layer("finance").definedBy("org.marketingsql.metrics..")
      .layer("calcite schema").definedBy("org.marketingsql.schema..", "org.marketingsql.sql..")
      .layer("demo").definedBy("org.marketingsql.demo..")
      .layer("driver").definedBy("org.marketingsql.jdbc..", "org.marketingsql.access..")
      .layer("reports").definedBy("org.marketingsql.reports..")
      .layer("server").definedBy("org.marketingsql.pgwire..", "org.marketingsql.avatica..",
          "org.marketingsql.portal..", "org.marketingsql.users..", "org.marketingsql.audit..", "org.marketingsql.tls..",
          "org.marketingsql.readonly..")
      .layer("cli").definedBy("org.marketingsql.cli..")
      .whereLayer("config").mayNotAccessAnyLayer()
      .whereLayer("connectors").mayOnlyAccessLayers("config")
      .whereLayer("store").mayOnlyAccessLayers("config", "connectors")
      .whereLayer("finance").mayOnlyAccessLayers("config", "connectors", "store")
      .whereLayer("calcite schema").mayOnlyAccessLayers("config", "connectors", "store", "finance")
      .whereLayer("demo").mayOnlyAccessLayers("config", "connectors")
      .whereLayer("driver").mayOnlyAccessLayers("config", "connectors", "store", "finance", "calcite schema", "demo")
      .whereLayer("reports").mayOnlyAccessLayers("config", "connectors", "store", "finance", "calcite schema", "demo",
          "driver")
      .whereLayer("server").mayOnlyAccessLayers("config", "connectors", "store", "finance", "calcite schema", "demo",
          "driver", "reports")
      .whereLayer("cli").mayOnlyAccessLayers("config", "connectors", "store", "finance", "calcite schema", "demo",
          "driver", "reports", "server");

  @ArchTest
  static final ArchRule connectorsKnowNothingOfTheStoreTheFinanceFactsOrTheSchema = noClasses()
      .that().resideInAPackage("org.marketingsql.source..")
      .should().dependOnClassesThat().resideInAnyPackage("org.marketingsql.store..", "org.marketingsql.ingest..",
          "org.marketingsql.metrics..", "org.marketingsql.schema..", "org.marketingsql.sql..");

  @ArchTest
  static final ArchRule nothingOutsideTheCliDependsOnTheCli = noClasses()
      .that().resideOutsideOfPackage("org.marketingsql.cli..")
      .should().dependOnClassesThat().resideInAPackage("org.marketingsql.cli..");

  @ArchTest
  static final ArchRule theDriverDependsOnNeitherTheServerNorTheReportsNorTheCli = noClasses()
      .that().resideInAnyPackage("org.marketingsql.jdbc..", "org.marketingsql.access..")
      .should().dependOnClassesThat().resideInAnyPackage("org.marketingsql.pgwire..", "org.marketingsql.avatica..",
          "org.marketingsql.portal..", "org.marketingsql.users..", "org.marketingsql.audit..", "org.marketingsql.tls..",
          "org.marketingsql.readonly..", "org.marketingsql.reports..", "org.marketingsql.cli..", "org.eclipse.birt..");
}
