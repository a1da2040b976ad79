package org.marketingsql.source.microsoftads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.marketingsql.testing.ApiStubs;

/**
 * The time zones against Microsoft's own lists ({@code fixtures/microsoft-ads-time-zones/time_zones.csv}):
 * Customer Management's TimeZoneType, the Reporting service's ReportTimeZone and the Time Zones guide's
 * offsets from UTC.
 */
class MicrosoftTimeZonesTest {
  /** Before Mexico (October 2022), Greenland (March 2023) and Kazakhstan (March 2024) moved their clocks. */
  private static final Instant DOCUMENTED = Instant.parse("2022-01-15T12:00:00Z");

  private record Documented(int number, String account, String report, BigDecimal offsetHours) {
  }

  private static List<Documented> documented() {
    List<Documented> zones = new ArrayList<>();
    List<String> lines = ApiStubs.fixture("microsoft-ads-time-zones/time_zones.csv").lines().toList();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      zones.add(new Documented(Integer.parseInt(cells[0]), cells[1], cells[2], new BigDecimal(cells[3])));
    }
    return zones;
  }

  @Test
  void microsoftDocumentsSeventyFiveZonesNumberedOneToSeventyFive() {
    assertEquals(75, documented().size());
    assertEquals(75, documented().stream().map(Documented::number).collect(Collectors.toSet()).size());
  }

  @Test
  void everyTimeZoneAnAccountCanHaveIsAskedForInReportsByTheReportingServicesNameForTheSameZone() {
    List<String> wrong = new ArrayList<>();
    for (Documented zone : documented()) {
      Optional<MicrosoftTimeZones.Entry> known = MicrosoftTimeZones.ofAccount(zone.account());
      if (known.isEmpty() || !known.get().report().equals(zone.report())) {
        wrong.add(zone.account() + " -> " + known.map(MicrosoftTimeZones.Entry::report).orElse("unknown")
            + ", documented " + zone.report());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void noTimeZoneIsKnownThatCustomerManagementDoesNotDocument() {
    assertEquals(documented().stream().map(Documented::account).collect(Collectors.toCollection(TreeSet::new)),
        new TreeSet<>(MicrosoftTimeZones.accountNames()));
  }

  @Test
  void everyZonesIanaZoneKeepsTheOffsetFromUtcMicrosoftDocuments() {
    List<String> wrong = new ArrayList<>();
    for (Documented zone : documented()) {
      ZoneId iana = MicrosoftTimeZones.ofAccount(zone.account()).orElseThrow().iana();
      int seconds = iana.getRules().getStandardOffset(DOCUMENTED).getTotalSeconds();
      BigDecimal hours = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600));
      if (hours.compareTo(zone.offsetHours()) != 0) {
        wrong.add(zone.account() + " as " + iana + " is UTC" + hours + ", documented UTC" + zone.offsetHours());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void todayOnlyKazakhstanAndGreenlandKeepAnotherOffsetThanMicrosoftDocumentsHavingMovedTheirClocks() {
    Instant recent = Instant.parse("2025-01-15T12:00:00Z");
    List<String> moved = new ArrayList<>();
    for (Documented zone : documented()) {
      ZoneId iana = MicrosoftTimeZones.ofAccount(zone.account()).orElseThrow().iana();
      BigDecimal hours = BigDecimal.valueOf(iana.getRules().getStandardOffset(recent).getTotalSeconds())
          .divide(BigDecimal.valueOf(3600));
      if (hours.compareTo(zone.offsetHours()) != 0) {
        moved.add(zone.account() + " UTC" + hours);
      }
    }
    assertEquals(List.of("AlmatyNovosibirsk UTC5", "Greenland UTC-2"), moved);
  }

  @Test
  void theZonesSpelledOtherwiseInReportsAreAskedForAsReportsSpellThem() {
    assertEquals("IslandamabadKarachiTashkent",
        MicrosoftTimeZones.ofAccount("IslamabadKarachiTashkent").orElseThrow().report());
    assertEquals("MagadanSolomonIslandNewCaledonia",
        MicrosoftTimeZones.ofAccount("SolomonIslandNewCaledonia").orElseThrow().report());
    assertEquals("AthensIslandanbulMinsk", MicrosoftTimeZones.ofAccount("AthensBuckarestIstanbul").orElseThrow().report());
    assertEquals("MidwayIslandandSamoa", MicrosoftTimeZones.ofAccount("MidwayIslandAndSamoa").orElseThrow().report());
    assertEquals(ZoneId.of("America/Denver"), MicrosoftTimeZones.ofAccount("MountainTimeUSCanada").orElseThrow().iana());
  }

  @Test
  void aNameMicrosoftDoesNotUseIsUnknown() {
    for (String name : new String[] {"MountainTime_US_Canada", "mountaintimeuscanada", "", null}) {
      assertTrue(MicrosoftTimeZones.ofAccount(name).isEmpty(), name);
    }
  }
}
