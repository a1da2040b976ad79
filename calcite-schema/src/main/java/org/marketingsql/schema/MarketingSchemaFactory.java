package org.marketingsql.schema;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.Locations;
import org.marketingsql.config.MarketingConfig;

/**
 * The factory a Calcite model names (docs/configuration.md). It reads the operand and nothing else; the
 * schema is assembled by {@link MarketingSchema}.
 */
public final class MarketingSchemaFactory implements SchemaFactory {
  /** Calcite instantiates factories reflectively. */
  public MarketingSchemaFactory() {
  }

  @Override
  public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    PlannerFixes.install();
    Object base = operand.get("baseDirectory");
    Path baseDirectory = base instanceof File file ? file.toPath() : base != null ? Path.of(base.toString())
        : Path.of("").toAbsolutePath();
    Object modelUri = operand.get("modelUri");
    String identity = modelUri != null ? modelUri.toString() : baseDirectory.toAbsolutePath().toString();
    MarketingConfig config = new ConfigReader().read(operand, baseDirectory, Locations.defaultStoreUrl(identity));
    return MarketingSchema.assemble(parentSchema, config);
  }
}
