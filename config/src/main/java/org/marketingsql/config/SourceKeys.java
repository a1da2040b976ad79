package org.marketingsql.config;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keys the configuration reads itself, whatever the source's type: those of every source, of an
 * export folder and of every API source. A type's own keys are in its {@link SourceType#keys()}. The
 * configuration accepts these names and the docs list them from here.
 */
public final class SourceKeys {
  /** The keys every source takes. */
  public static final List<SourceKey> EVERY_SOURCE = List.of(
      SourceKey.required("name", "The source's schema: lower-case letters, digits and _; not finance or sync."),
      SourceKey.required("type", "The kind of source, one of the types below (budgets and nps are refused as not"
          + " available: their files are found by header in a csv-folder)."),
      SourceKey.optional("lookbackDays", "The last days whose numbers may still change: re-read on every sync, and"
          + " is_provisional in finance.ad_spend_daily.", "the type's look-back days"),
      SourceKey.optional("currency", "The currency (ISO 4217) of files or records that state none (an ad report"
          + " without a currency column, a single-currency HubSpot portal); without it they are refused with this"
          + " hint.", null),
      SourceKey.optional("billing", "For billed sources: when their ad spend leaves as cash, see [billing"
          + " terms](configuration.md#billing-terms).", "monthly invoice, day 1, net 30"));

  /** The keys of an export folder ({@code csv-folder}). */
  public static final List<SourceKey> EXPORT_FOLDER = List.of(
      SourceKey.required("path", "The folder whose *.csv and *.tsv files become tables, relative to the"
          + " configuration; it must exist."),
      SourceKey.optional("format", "Reads every file of the folder as this export format (one of those listed"
          + " below); a file that does not match is refused.", "detected per file"),
      SourceKey.optional("locale", "A language tag such as de-DE: which separator is the decimal one, and whether"
          + " 01/02/2026 is day- or month-first; a file that could be read either way is refused, asking for it.",
          "decided per file from its unambiguous values"),
      SourceKey.optional("primaryConversions", "The conversion actions counted as primary in"
          + " finance.conversions_daily for the folder's conversions reports, a list of action names or ids (any"
          + " case), e.g. [Purchase, Sign-up].", "the actions whose Conversions (not only All conv.) are not 0"));

  /** The keys every API source takes besides its type's own. */
  public static final List<SourceKey> EVERY_API = List.of(
      SourceKey.optional("maxAge", "A duration (90s, 30m, 6h, 1d or ISO PT6H): a connection that finds the last"
          + " sync older starts a refresh that syncs it; without it, connecting never calls the API (serve syncs on its"
          + " own schedule, see [refresh](configuration.md#refresh)).", null),
      SourceKey.optional("offline", "true: never call the API, not on connecting, not for live reads, not by sync or"
          + " check; the source answers from the store.", "false"),
      SourceKey.optional("endpoint", "The API's host root (an http(s) URL), for proxies and tests; the client adds"
          + " the version path.", "the API's own host"));

  private SourceKeys() {
  }

  /** The names of all of them. */
  static Set<String> names() {
    return Stream.of(EVERY_SOURCE, EXPORT_FOLDER, EVERY_API).flatMap(List::stream).map(SourceKey::name)
        .collect(Collectors.toUnmodifiableSet());
  }
}
