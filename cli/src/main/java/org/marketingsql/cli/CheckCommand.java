package org.marketingsql.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.marketingsql.config.ConfigException;
import org.marketingsql.config.ConfigProblem;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.Locations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Validates a configuration and names every problem; changes nothing. */
@Command(name = "check", description = "Validate a configuration: keys, files, secret references. Changes nothing.")
final class CheckCommand implements Callable<Integer> {
  static final String FACTORY = "org.marketingsql.schema.MarketingSchemaFactory";

  @Option(names = "--model", paramLabel = "FILE", required = true, description = "the marketing.yaml to check")
  Path model;

  @Override
  public Integer call() {
    List<ConfigProblem> problems = problems(model);
    if (problems.isEmpty()) {
      System.out.println(model + ": OK");
      return 0;
    }
    for (ConfigProblem problem : problems) {
      System.out.println(model + ": " + problem);
    }
    return 1;
  }

  static List<ConfigProblem> problems(Path model) {
    Map<?, ?> root;
    try {
      String name = model.getFileName().toString();
      ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
      root = mapper.readValue(model.toFile(), Map.class);
    } catch (Exception e) {
      return List.of(new ConfigProblem("(file)", "cannot read " + model + ": " + e.getMessage()));
    }
    if (!(root.get("schemas") instanceof List<?> schemas)) {
      return List.of(new ConfigProblem("schemas", "is missing: a Calcite model lists its schemas"));
    }
    for (int i = 0; i < schemas.size(); i++) {
      if (schemas.get(i) instanceof Map<?, ?> schema && FACTORY.equals(schema.get("factory"))) {
        Object operand = schema.get("operand");
        @SuppressWarnings("unchecked")
        Map<String, ?> map = operand instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of();
        try {
          Path base = model.toAbsolutePath().getParent();
          new ConfigReader().read(map, base, Locations.defaultStoreUrl(model.toAbsolutePath().toString()));
          return List.of();
        } catch (ConfigException e) {
          return e.problems().stream()
              .map(p -> new ConfigProblem("schemas[" + schema.get("name") + "].operand." + p.path(), p.message()))
              .toList();
        }
      }
    }
    return List.of(new ConfigProblem("schemas", "no schema uses factory " + FACTORY));
  }
}
