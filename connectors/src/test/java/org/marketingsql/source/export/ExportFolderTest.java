package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The export folder's descriptions of a loaded export's columns, which become their REMARKS. */
class ExportFolderTest {
  @Test
  void aPlatformReportsDeclaredColumnsAreDescribedAndItsKeptColumnsAreNot() {
    Map<String, String> remarks = ExportFolder.columnRemarks("AD_SPEND", List.of("date", "spend", "export_format",
        "search_impr_share"));
    assertEquals(List.of("date", "spend", "export_format"), List.copyOf(remarks.keySet()));
    assertEquals("What the platform charged, in the row's currency.", remarks.get("spend"));
  }

  @Test
  void anOrdersFilesOptionalColumnsAreDescribedToo() {
    Map<String, String> remarks = ExportFolder.columnRemarks("ORDERS", List.of("order_id", "amount",
        "acquisition_channel", "status"));
    assertEquals(List.of("order_id", "amount", "acquisition_channel", "status"), List.copyOf(remarks.keySet()));
  }

  @Test
  void anNpsSurveysColumnsAreDescribedByWhatTheyWereFoundAs() {
    Map<String, String> remarks = ExportFolder.columnRemarks("NPS_SURVEY", List.of("submitted_at",
        "how_likely_are_you_to_recommend_us", "comment"));
    assertEquals(List.of("how_likely_are_you_to_recommend_us", "submitted_at"), List.copyOf(remarks.keySet()));
    assertTrue(remarks.get("how_likely_are_you_to_recommend_us").startsWith("The response's score, 0 to 10"));
  }

  @Test
  void aConversionsReportsColumnsAreDescribedButTheApiFeedsConversionsTableIsNot() {
    Map<String, String> remarks = ExportFolder.columnRemarks("CONVERSIONS", List.of("date", "conversion_action",
        "platform_primary", "export_format", "Cost"));
    assertEquals(List.of("date", "conversion_action", "platform_primary", "export_format"),
        List.copyOf(remarks.keySet()));
    assertTrue(remarks.get("platform_primary").contains("TRUE when its Conversions is not 0"));
    // an API source's conversions feed has no export_format: its remarks come from its own table
    assertEquals(Map.of(), ExportFolder.columnRemarks("CONVERSIONS", List.of("date", "conversion_action")));
  }

  @Test
  void aGenericTableHasNoDescriptions() {
    assertEquals(Map.of(), ExportFolder.columnRemarks(null, List.of("date", "visits")));
  }
}
