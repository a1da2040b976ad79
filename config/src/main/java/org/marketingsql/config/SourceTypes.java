package org.marketingsql.config;

import java.util.List;

/**
 * What provides the source types a configuration may name beyond the files this module reads
 * itself ({@link SourceType#CSV_FOLDER}): the registry of sources, found with
 * {@link java.util.ServiceLoader}, so this module needs none of them at compile time.
 */
public interface SourceTypes {
  /** The source types provided, in the order they are listed to users. */
  List<SourceType> types();
}
