package org.marketingsql.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A kind of source a configuration may name (docs/configuration.md): its key, the keys it reads, and what
 * configuration validation needs to know of it. The API sources' types are declared by their
 * descriptors in the source registry and found through {@link SourceTypes}; this class holds only
 * the file sources the configuration reads itself.
 */
public final class SourceType {
  /** A folder of exports, read and re-read as its files change. */
  public static final SourceType CSV_FOLDER = new SourceType("csv-folder", null, true, 0, true, List.of());
  /** Budgets as their own source; not in this version (a csv-folder reads budget files). */
  public static final SourceType BUDGETS = new SourceType("budgets", null, false, 0, false, List.of());
  /** NPS surveys as their own source; not in this version (a csv-folder reads survey exports). */
  public static final SourceType NPS = new SourceType("nps", null, false, 0, false, List.of());

  private final String key;
  private final String platform;
  private final boolean available;
  private final int defaultLookbackDays;
  private final boolean billed;
  private final List<SourceKey> keys;

  /**
   * @param key the name used in the configuration, e.g. {@code google-ads}
   * @param platform the platform as the finance views name it ({@code google_ads}), or null for a
   *     source that is not one platform
   * @param available whether this build can read such a source
   * @param defaultLookbackDays see {@link #defaultLookbackDays()}
   * @param billed see {@link #billed()}
   * @param keys the keys the type reads besides those of every source
   */
  public SourceType(String key, String platform, boolean available, int defaultLookbackDays, boolean billed,
      List<SourceKey> keys) {
    this.key = Objects.requireNonNull(key, "key");
    if (!key.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("source type key '" + key + "' must be lower-case words joined by -");
    }
    if (platform != null && !platform.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("platform '" + platform + "' of " + key + " must be snake_case");
    }
    if (defaultLookbackDays < 0) {
      throw new IllegalArgumentException("defaultLookbackDays of " + key + " must not be negative");
    }
    this.platform = platform;
    this.available = available;
    this.defaultLookbackDays = defaultLookbackDays;
    this.billed = billed;
    this.keys = List.copyOf(keys);
    if (this.keys.stream().map(SourceKey::name).distinct().count() != this.keys.size()) {
      throw new IllegalArgumentException("source type " + key + " declares a key twice");
    }
  }

  /** The name used in the configuration, e.g. {@code csv-folder}. */
  public String key() {
    return key;
  }

  /** The platform as the finance views name it ({@code google_ads}); empty for a source of several or none. */
  public Optional<String> platform() {
    return Optional.ofNullable(platform);
  }

  /** Whether this build can read such a source; the others are refused with a clear message. */
  public boolean available() {
    return available;
  }

  /**
   * Days at the end of the data an API re-reads on every sync because the platform restates them
   * (conversions arrive late, refunds come weeks after the charge), when the source sets no
   * {@code lookbackDays}; 0 for sources that do not restate.
   */
  public int defaultLookbackDays() {
    return defaultLookbackDays;
  }

  /** Whether the source holds ad spend, so its {@code billing} terms date cash. */
  public boolean billed() {
    return billed;
  }

  /** The keys this type reads besides those of every source. */
  public List<SourceKey> keys() {
    return keys;
  }

  /** The source type with this configuration key, among every type this build knows. */
  public static Optional<SourceType> fromKey(String key) {
    return values().stream().filter(t -> t.key.equals(key)).findFirst();
  }

  /**
   * Every source type this build knows: those the registry provides, then the file sources this
   * module reads itself that the registry does not list.
   */
  public static List<SourceType> values() {
    return Installed.TYPES;
  }

  /** The platforms of the billed sources, as the finance views name them ({@code google_ads}, …). */
  public static List<String> billedPlatforms() {
    return values().stream().filter(SourceType::billed).flatMap(t -> t.platform().stream()).toList();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourceType type && type.key.equals(key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return key;
  }

  /** The registry is looked up once, when a type is first asked for. */
  private static final class Installed {
    static final List<SourceType> TYPES = load();

    private static List<SourceType> load() {
      Map<String, SourceType> types = new LinkedHashMap<>();
      for (SourceTypes provider : ServiceLoader.load(SourceTypes.class, SourceType.class.getClassLoader())) {
        for (SourceType type : provider.types()) {
          SourceType before = types.putIfAbsent(type.key(), type);
          if (before != null && before != type) {
            throw new IllegalStateException("source type " + type.key() + " is provided twice");
          }
        }
      }
      List<SourceType> all = new ArrayList<>(types.values());
      for (SourceType own : List.of(CSV_FOLDER, BUDGETS, NPS)) {
        if (!types.containsKey(own.key())) {
          all.add(own);
        }
      }
      return List.copyOf(all);
    }
  }
}
