package org.marketingsql.source;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/**
 * Everything about one kind of source, in one place: its type (configuration key, platform, keys
 * with which are secret and required, default look-back, whether it is billed), what it is, its
 * tables, the export formats it reads and, for an API, how its client and tables are built from a
 * configured source. Configuration, {@code check}, sync, billing and the docs read it from the registry.
 *
 * @param type what configuration validation needs to know
 * @param title the source's name for people, e.g. {@code Google Ads}
 * @param description what it reads, for the docs
 * @param tables the API tables it syncs; empty for file sources, whose tables are their files
 * @param exports the formats of this tool's export files, which an export folder reads (a platform's
 *     UI reports, a payment tool's exports)
 * @param inputs the layouts an export folder recognises a file by its header as (ad spend, orders,
 *     budgets …); empty for every source but the export folder
 * @param factory builds the API source of a configuration entry; null for file sources
 * @param history how far back the platform's API keeps the data the source reads (a {@code startDate}
 *     further back is refused); null when the platform documents no limit
 */
public record SourceDescriptor(SourceType type, String title, String description, List<TableDefinition<?>> tables,
    List<ExportFormat> exports, List<ExportLayout> inputs, Factory factory, Period history) {
  public SourceDescriptor {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    tables = List.copyOf(tables);
    exports = List.copyOf(exports);
    inputs = List.copyOf(inputs);
    if (factory != null && tables.isEmpty()) {
      throw new IllegalArgumentException("API source " + type.key() + " declares no table");
    }
    if (tables.stream().map(TableDefinition::name).distinct().count() != tables.size()) {
      throw new IllegalArgumentException("source " + type.key() + " declares a table twice");
    }
    if (history != null && (history.isNegative() || history.isZero())) {
      throw new IllegalArgumentException("history of " + type.key() + " must be positive: " + history);
    }
  }

  /** A source whose platform documents no limit on how far back it can be read. */
  public SourceDescriptor(SourceType type, String title, String description, List<TableDefinition<?>> tables,
      List<ExportFormat> exports, List<ExportLayout> inputs, Factory factory) {
    this(type, title, description, tables, exports, inputs, factory, null);
  }

  /** This source, whose API keeps its data for {@code limit} back from today (see {@link #history()}). */
  public SourceDescriptor keepsHistory(Period limit) {
    return new SourceDescriptor(type, title, description, tables, exports, inputs, factory,
        Objects.requireNonNull(limit, "limit"));
  }

  /**
   * The earliest day the API still holds when today (UTC) is {@code today}, or empty when the platform
   * documents no limit.
   */
  public Optional<LocalDate> earliestDay(LocalDate today) {
    return Optional.ofNullable(history).map(h -> today.minus(h));
  }

  /**
   * Refuses a {@code startDate} further back than the platform keeps data, naming the source, the key
   * and the limit; {@code check} and sync both open sources through here, so neither reads a history the
   * API no longer has (a platform asked for it answers with an error or, worse, with nothing).
   *
   * @throws IllegalArgumentException when {@code startDate} is before {@link #earliestDay}
   */
  public void checkStartDate(SourceConfig config, LocalDate today) {
    LocalDate start = config.dateSetting("startDate");
    Optional<LocalDate> earliest = earliestDay(today);
    if (start != null && earliest.isPresent() && start.isBefore(earliest.get())) {
      throw new IllegalArgumentException("source " + config.name() + ": startDate " + start + " is further back than "
          + title + " keeps its data (" + describe(history) + ", so " + earliest.get() + " at the earliest today);"
          + " set startDate to " + earliest.get() + " or later");
    }
  }

  /** {@code 37 months}, {@code 10 years}: a history limit for people. */
  public static String describe(Period period) {
    if (period.getDays() == 0 && period.getMonths() == 0) {
      return period.getYears() + (period.getYears() == 1 ? " year" : " years");
    }
    if (period.getDays() == 0) {
      return period.toTotalMonths() + " months";
    }
    return period.toString();
  }

  /** An API source: read through its client, synced table by table; {@code exports} are its tool's export files. */
  public static SourceDescriptor api(SourceType type, String title, String description,
      List<TableDefinition<?>> tables, List<ExportFormat> exports, Factory factory) {
    return new SourceDescriptor(type, title, description, tables, exports, List.of(),
        Objects.requireNonNull(factory, "factory"), null);
  }

  /** Builds the API source of one configuration entry. */
  @FunctionalInterface
  public interface Factory {
    /**
     * @throws IllegalArgumentException when the entry lacks or mistypes a setting the source needs
     */
    ApiSource open(SourceConfig config, RetryPolicy policy, Sleeper sleeper, Clock clock);
  }

  /** Whether the source is read from an API (and so synced) rather than from files. */
  public boolean isApi() {
    return factory != null;
  }

  /** The platform as the finance views name it ({@code google_ads}); empty for a source of several. */
  public Optional<String> platform() {
    return type.platform();
  }

  /** The API source of one configuration entry of this type. */
  public ApiSource open(SourceConfig config, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    Objects.requireNonNull(config, "config");
    if (factory == null) {
      throw new IllegalArgumentException(config.name() + " is not an API source");
    }
    if (!type.equals(config.type())) {
      throw new IllegalArgumentException("source " + config.name() + " is a " + config.type().key() + ", not "
          + type.key());
    }
    checkStartDate(config, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    return factory.open(config, policy, sleeper, clock);
  }
}
