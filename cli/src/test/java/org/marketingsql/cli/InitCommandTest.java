package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.marketingsql.source.registry.SourceRegistry;

/** The starter configuration {@code init} writes. */
class InitCommandTest {
  @Test
  void theTemplateOffersEveryApiSourceOfTheRegistryCommentedOutWithItsSecretsAsReferences() {
    String template = InitCommand.template("fixed part\n");
    assertTrue(template.startsWith("fixed part\n"), template);
    SourceRegistry.all().stream().filter(s -> s.isApi()).forEach(s ->
        assertTrue(template.contains("        #   type: " + s.type().key() + "\n"), s.type().key()));
    assertTrue(template.contains("        #   developerToken: \"${env:GOOGLE_ADS_DEVELOPER_TOKEN}\""), template);
    assertTrue(template.contains("        #   loginCustomerId: …   # The manager account"), template);
    assertTrue(template.lines().filter(l -> !l.equals("fixed part")).allMatch(l -> l.startsWith("        #")), template);
  }
}
