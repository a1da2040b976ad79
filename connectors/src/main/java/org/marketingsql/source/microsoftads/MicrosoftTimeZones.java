package org.marketingsql.source.microsoftads;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft Advertising's time zones (the {@code TimeZone} of an account, the same names a report's
 * {@code ReportTimeZone} takes) as IANA zones: the zone of the first city each name lists.
 */
final class MicrosoftTimeZones {
  private static final Map<String, String> IANA = Map.ofEntries(
      Map.entry("AbuDhabiMuscat", "Asia/Dubai"),
      Map.entry("Adelaide", "Australia/Adelaide"),
      Map.entry("Alaska", "America/Anchorage"),
      Map.entry("AlmatyNovosibirsk", "Asia/Almaty"),
      Map.entry("AmsterdamBerlinBernRomeStockholmVienna", "Europe/Berlin"),
      Map.entry("Arizona", "America/Phoenix"),
      Map.entry("AstanaDhaka", "Asia/Dhaka"),
      Map.entry("AthensBuckarestIstanbul", "Europe/Athens"),
      Map.entry("AtlanticTimeCanada", "America/Halifax"),
      Map.entry("AucklandWellington", "Pacific/Auckland"),
      Map.entry("Azores", "Atlantic/Azores"),
      Map.entry("Baghdad", "Asia/Baghdad"),
      Map.entry("BakuTbilisiYerevan", "Asia/Baku"),
      Map.entry("BangkokHanoiJakarta", "Asia/Bangkok"),
      Map.entry("BeijingChongqingHongKongUrumqi", "Asia/Shanghai"),
      Map.entry("BelgradeBratislavaBudapestLjubljanaPrague", "Europe/Belgrade"),
      Map.entry("BogotaLimaQuito", "America/Bogota"),
      Map.entry("Brasilia", "America/Sao_Paulo"),
      Map.entry("Brisbane", "Australia/Brisbane"),
      Map.entry("BrusselsCopenhagenMadridParis", "Europe/Brussels"),
      Map.entry("Bucharest", "Europe/Bucharest"),
      Map.entry("BuenosAiresGeorgetown", "America/Argentina/Buenos_Aires"),
      Map.entry("Cairo", "Africa/Cairo"),
      Map.entry("CanberraMelbourneSydney", "Australia/Sydney"),
      Map.entry("CapeVerdeIsland", "Atlantic/Cape_Verde"),
      Map.entry("CaracasLaPaz", "America/Caracas"),
      Map.entry("CasablancaMonrovia", "Africa/Casablanca"),
      Map.entry("CentralAmerica", "America/Guatemala"),
      Map.entry("CentralTimeUSCanada", "America/Chicago"),
      Map.entry("ChennaiKolkataMumbaiNewDelhi", "Asia/Kolkata"),
      Map.entry("ChihuahuaLaPazMazatlan", "America/Chihuahua"),
      Map.entry("Darwin", "Australia/Darwin"),
      Map.entry("EasternTimeUSCanada", "America/New_York"),
      Map.entry("Ekaterinburg", "Asia/Yekaterinburg"),
      Map.entry("FijiKamchatkaMarshallIsland", "Pacific/Fiji"),
      Map.entry("Greenland", "America/Nuuk"),
      Map.entry("GreenwichMeanTimeDublinEdinburghLisbonLondon", "Europe/London"),
      Map.entry("GuadalajaraMexicoCityMonterrey", "America/Mexico_City"),
      Map.entry("GuamPortMoresby", "Pacific/Guam"),
      Map.entry("HararePretoria", "Africa/Harare"),
      Map.entry("Hawaii", "Pacific/Honolulu"),
      Map.entry("HelsinkiKyivRigaSofiaTallinnVilnius", "Europe/Helsinki"),
      Map.entry("Hobart", "Australia/Hobart"),
      Map.entry("IndianaEast", "America/Indiana/Indianapolis"),
      Map.entry("InternationalDateLineWest", "Etc/GMT+12"),
      Map.entry("IrkutskUlaanBataar", "Asia/Irkutsk"),
      Map.entry("IslandamabadKarachiTashkent", "Asia/Karachi"),
      Map.entry("Jerusalem", "Asia/Jerusalem"),
      Map.entry("Kabul", "Asia/Kabul"),
      Map.entry("Kathmandu", "Asia/Kathmandu"),
      Map.entry("Krasnoyarsk", "Asia/Krasnoyarsk"),
      Map.entry("KualaLumpurSingapore", "Asia/Kuala_Lumpur"),
      Map.entry("KuwaitRiyadh", "Asia/Kuwait"),
      Map.entry("MagadanSolomonIslandNewCaledonia", "Asia/Magadan"),
      Map.entry("MidAtlantic", "Atlantic/South_Georgia"),
      Map.entry("MidwayIslandand_Samoa", "Pacific/Midway"),
      Map.entry("MoscowStPetersburgVolgograd", "Europe/Moscow"),
      Map.entry("MountainTime_US_Canada", "America/Denver"),
      Map.entry("Nairobi", "Africa/Nairobi"),
      Map.entry("Newfoundland", "America/St_Johns"),
      Map.entry("Nukualofa", "Pacific/Tongatapu"),
      Map.entry("OsakaSapporoTokyo", "Asia/Tokyo"),
      Map.entry("PacificTimeUSCanadaTijuana", "America/Los_Angeles"),
      Map.entry("Perth", "Australia/Perth"),
      Map.entry("Rangoon", "Asia/Yangon"),
      Map.entry("Santiago", "America/Santiago"),
      Map.entry("SarajevoSkopjeWarsawZagreb", "Europe/Sarajevo"),
      Map.entry("Saskatchewan", "America/Regina"),
      Map.entry("Seoul", "Asia/Seoul"),
      Map.entry("SriJayawardenepura", "Asia/Colombo"),
      Map.entry("Taipei", "Asia/Taipei"),
      Map.entry("Tehran", "Asia/Tehran"),
      Map.entry("Vladivostok", "Asia/Vladivostok"),
      Map.entry("WestCentralAfrica", "Africa/Lagos"),
      Map.entry("Yakutsk", "Asia/Yakutsk"));

  private MicrosoftTimeZones() {
  }

  /** The IANA zone of a Microsoft Advertising time zone name, or empty for a name not known here. */
  static Optional<ZoneId> iana(String microsoft) {
    return Optional.ofNullable(microsoft == null ? null : IANA.get(microsoft)).map(ZoneId::of);
  }
}
