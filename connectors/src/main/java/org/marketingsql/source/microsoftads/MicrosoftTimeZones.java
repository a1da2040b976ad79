package org.marketingsql.source.microsoftads;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Microsoft Advertising's time zones: an account's {@code TimeZone} as Customer Management's GetAccount
 * gives it (the {@code TimeZoneType} value set), the name the Reporting service's {@code ReportTimeZone}
 * gives the same zone, which a report is asked in, and the zone in IANA's name: that of the first city
 * the name lists that keeps the offset from UTC Microsoft documents for the zone (Mazatlan for
 * {@code ChihuahuaLaPazMazatlan}, Chihuahua having moved to UTC-6 in 2022). The two value sets number their 75 zones alike but spell four of them
 * otherwise: {@code IslamabadKarachiTashkent} is {@code IslandamabadKarachiTashkent} in reports,
 * {@code SolomonIslandNewCaledonia} {@code MagadanSolomonIslandNewCaledonia}, {@code AthensBuckarestIstanbul}
 * {@code AthensIslandanbulMinsk} and {@code MidwayIslandAndSamoa} {@code MidwayIslandandSamoa}.
 */
final class MicrosoftTimeZones {
  /** One zone: its TimeZoneType name, its ReportTimeZone name, its IANA zone. */
  record Entry(String account, String report, ZoneId iana) {
  }

  private static final Map<String, Entry> BY_ACCOUNT = Stream.of(
      zone("AbuDhabiMuscat", "AbuDhabiMuscat", "Asia/Dubai"),
      zone("Adelaide", "Adelaide", "Australia/Adelaide"),
      zone("Alaska", "Alaska", "America/Anchorage"),
      zone("AlmatyNovosibirsk", "AlmatyNovosibirsk", "Asia/Almaty"),
      zone("AmsterdamBerlinBernRomeStockholmVienna", "AmsterdamBerlinBernRomeStockholmVienna", "Europe/Berlin"),
      zone("Arizona", "Arizona", "America/Phoenix"),
      zone("AstanaDhaka", "AstanaDhaka", "Asia/Dhaka"),
      zone("AthensBuckarestIstanbul", "AthensIslandanbulMinsk", "Europe/Athens"),
      zone("AtlanticTimeCanada", "AtlanticTimeCanada", "America/Halifax"),
      zone("AucklandWellington", "AucklandWellington", "Pacific/Auckland"),
      zone("Azores", "Azores", "Atlantic/Azores"),
      zone("Baghdad", "Baghdad", "Asia/Baghdad"),
      zone("BakuTbilisiYerevan", "BakuTbilisiYerevan", "Asia/Baku"),
      zone("BangkokHanoiJakarta", "BangkokHanoiJakarta", "Asia/Bangkok"),
      zone("BeijingChongqingHongKongUrumqi", "BeijingChongqingHongKongUrumqi", "Asia/Shanghai"),
      zone("BelgradeBratislavaBudapestLjubljanaPrague", "BelgradeBratislavaBudapestLjubljanaPrague", "Europe/Belgrade"),
      zone("BogotaLimaQuito", "BogotaLimaQuito", "America/Bogota"),
      zone("Brasilia", "Brasilia", "America/Sao_Paulo"),
      zone("Brisbane", "Brisbane", "Australia/Brisbane"),
      zone("BrusselsCopenhagenMadridParis", "BrusselsCopenhagenMadridParis", "Europe/Brussels"),
      zone("Bucharest", "Bucharest", "Europe/Bucharest"),
      zone("BuenosAiresGeorgetown", "BuenosAiresGeorgetown", "America/Argentina/Buenos_Aires"),
      zone("Cairo", "Cairo", "Africa/Cairo"),
      zone("CanberraMelbourneSydney", "CanberraMelbourneSydney", "Australia/Sydney"),
      zone("CapeVerdeIsland", "CapeVerdeIsland", "Atlantic/Cape_Verde"),
      zone("CaracasLaPaz", "CaracasLaPaz", "America/Caracas"),
      zone("CasablancaMonrovia", "CasablancaMonrovia", "Africa/Casablanca"),
      zone("CentralAmerica", "CentralAmerica", "America/Guatemala"),
      zone("CentralTimeUSCanada", "CentralTimeUSCanada", "America/Chicago"),
      zone("ChennaiKolkataMumbaiNewDelhi", "ChennaiKolkataMumbaiNewDelhi", "Asia/Kolkata"),
      zone("ChihuahuaLaPazMazatlan", "ChihuahuaLaPazMazatlan", "America/Mazatlan"),
      zone("Darwin", "Darwin", "Australia/Darwin"),
      zone("EasternTimeUSCanada", "EasternTimeUSCanada", "America/New_York"),
      zone("Ekaterinburg", "Ekaterinburg", "Asia/Yekaterinburg"),
      zone("FijiKamchatkaMarshallIsland", "FijiKamchatkaMarshallIsland", "Pacific/Fiji"),
      zone("Greenland", "Greenland", "America/Nuuk"),
      zone("GreenwichMeanTimeDublinEdinburghLisbonLondon", "GreenwichMeanTimeDublinEdinburghLisbonLondon", "Europe/London"),
      zone("GuadalajaraMexicoCityMonterrey", "GuadalajaraMexicoCityMonterrey", "America/Mexico_City"),
      zone("GuamPortMoresby", "GuamPortMoresby", "Pacific/Guam"),
      zone("HararePretoria", "HararePretoria", "Africa/Harare"),
      zone("Hawaii", "Hawaii", "Pacific/Honolulu"),
      zone("HelsinkiKyivRigaSofiaTallinnVilnius", "HelsinkiKyivRigaSofiaTallinnVilnius", "Europe/Helsinki"),
      zone("Hobart", "Hobart", "Australia/Hobart"),
      zone("IndianaEast", "IndianaEast", "America/Indiana/Indianapolis"),
      zone("InternationalDateLineWest", "InternationalDateLineWest", "Etc/GMT+12"),
      zone("IrkutskUlaanBataar", "IrkutskUlaanBataar", "Asia/Irkutsk"),
      zone("IslamabadKarachiTashkent", "IslandamabadKarachiTashkent", "Asia/Karachi"),
      zone("Jerusalem", "Jerusalem", "Asia/Jerusalem"),
      zone("Kabul", "Kabul", "Asia/Kabul"),
      zone("Kathmandu", "Kathmandu", "Asia/Kathmandu"),
      zone("Krasnoyarsk", "Krasnoyarsk", "Asia/Krasnoyarsk"),
      zone("KualaLumpurSingapore", "KualaLumpurSingapore", "Asia/Kuala_Lumpur"),
      zone("KuwaitRiyadh", "KuwaitRiyadh", "Asia/Kuwait"),
      zone("MidAtlantic", "MidAtlantic", "Atlantic/South_Georgia"),
      zone("MidwayIslandAndSamoa", "MidwayIslandandSamoa", "Pacific/Midway"),
      zone("MoscowStPetersburgVolgograd", "MoscowStPetersburgVolgograd", "Europe/Moscow"),
      zone("MountainTimeUSCanada", "MountainTimeUSCanada", "America/Denver"),
      zone("Nairobi", "Nairobi", "Africa/Nairobi"),
      zone("Newfoundland", "Newfoundland", "America/St_Johns"),
      zone("Nukualofa", "Nukualofa", "Pacific/Tongatapu"),
      zone("OsakaSapporoTokyo", "OsakaSapporoTokyo", "Asia/Tokyo"),
      zone("PacificTimeUSCanadaTijuana", "PacificTimeUSCanadaTijuana", "America/Los_Angeles"),
      zone("Perth", "Perth", "Australia/Perth"),
      zone("Rangoon", "Rangoon", "Asia/Yangon"),
      zone("Santiago", "Santiago", "America/Santiago"),
      zone("SarajevoSkopjeWarsawZagreb", "SarajevoSkopjeWarsawZagreb", "Europe/Sarajevo"),
      zone("Saskatchewan", "Saskatchewan", "America/Regina"),
      zone("Seoul", "Seoul", "Asia/Seoul"),
      zone("SolomonIslandNewCaledonia", "MagadanSolomonIslandNewCaledonia", "Pacific/Guadalcanal"),
      zone("SriJayawardenepura", "SriJayawardenepura", "Asia/Colombo"),
      zone("Taipei", "Taipei", "Asia/Taipei"),
      zone("Tehran", "Tehran", "Asia/Tehran"),
      zone("Vladivostok", "Vladivostok", "Asia/Vladivostok"),
      zone("WestCentralAfrica", "WestCentralAfrica", "Africa/Lagos"),
      zone("Yakutsk", "Yakutsk", "Asia/Yakutsk"))
      .collect(Collectors.toUnmodifiableMap(Entry::account, Function.identity()));

  private MicrosoftTimeZones() {
  }

  private static Entry zone(String account, String report, String iana) {
    return new Entry(account, report, ZoneId.of(iana));
  }

  /** The zone of an account's TimeZone (a TimeZoneType name), or empty for a name not known here. */
  static Optional<Entry> ofAccount(String timeZoneType) {
    return Optional.ofNullable(timeZoneType == null ? null : BY_ACCOUNT.get(timeZoneType));
  }

  /** Every TimeZoneType name known here. */
  static Set<String> accountNames() {
    return BY_ACCOUNT.keySet();
  }
}
