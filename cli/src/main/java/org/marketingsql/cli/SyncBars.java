package org.marketingsql.cli;

import java.io.PrintStream;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.marketingsql.store.ApiTableSync;

/**
 * Sync progress for a terminal: one bar per table (tables sync one after another), showing the rows
 * read, the pages and the rate. APIs do not say how many rows are coming, so the bar is indeterminate.
 */
final class SyncBars implements ApiTableSync.Listener {
  /** Makes the consumer that draws one bar; a new one per bar, as the library closes it with its bar. */
  interface Screen {
    ProgressBarConsumer consumer();
  }

  private final PrintStream out;
  private final Screen screen;
  private ProgressBar bar;
  private String barTable;
  private ClosingOnce consumer;

  /** Bars redrawn in place on {@code out}, a terminal. */
  static SyncBars onTerminal(PrintStream out) {
    return new SyncBars(out, () -> new InteractiveConsoleProgressBarConsumer(out));
  }

  /** Bars written as lines of at most {@code width} characters, e.g. into a stream a test reads. */
  static SyncBars onStream(PrintStream out, int width) {
    if (width < 20) {
      throw new IllegalArgumentException("a progress bar needs at least 20 characters, not " + width);
    }
    return new SyncBars(out, () -> new ConsoleProgressBarConsumer(out, width));
  }

  private SyncBars(PrintStream out, Screen screen) {
    this.out = Objects.requireNonNull(out, "out");
    this.screen = Objects.requireNonNull(screen, "screen");
  }

  @Override
  public synchronized void page(String source, String table, int pages, int rows) {
    ProgressBar current = bar(source + "." + table);
    current.stepTo(rows);
    current.setExtraMessage(pages == 1 ? " 1 page" : " " + pages + " pages");
  }

  @Override
  public synchronized void done(ApiTableSync.Outcome o) {
    ProgressBar current = bar(o.source() + "." + o.table());
    current.stepTo(o.rowsRead());
    current.setExtraMessage(o.failed() ? " FAILED" : (o.pages() == 1 ? " 1 page, " : " " + o.pages() + " pages, ")
        + o.rowCount() + " in the table");
    close(current);
    if (o.failed()) {
      out.println(o.source() + "." + o.table() + ": FAILED: " + o.error());
    }
  }

  /** The bar of this table, closing the previous table's should it never have been reported done. */
  private ProgressBar bar(String table) {
    if (bar != null && !table.equals(barTable)) {
      close(bar);
    }
    if (bar == null) {
      consumer = new ClosingOnce(screen.consumer());
      bar = new ProgressBarBuilder().setTaskName(table).setInitialMax(-1).setStyle(ProgressBarStyle.ASCII)
          .setUnit(" rows", 1).showSpeed().hideEta().setUpdateIntervalMillis(250).setConsumer(consumer)
          .build();
      barTable = table;
    }
    return bar;
  }

  /**
   * Closes a bar and its consumer. progressbar 0.10.2 leaves the consumer open (no final newline) when
   * a bar is closed before its first scheduled drawing, as a table done at once would be.
   */
  private void close(ProgressBar current) {
    current.close();
    consumer.close();
    bar = null;
    barTable = null;
    consumer = null;
  }

  /** A consumer that passes everything on and closes its delegate once, whoever asks first. */
  private static final class ClosingOnce implements ProgressBarConsumer {
    private final ProgressBarConsumer delegate;
    private boolean closed;

    ClosingOnce(ProgressBarConsumer delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public int getMaxRenderedLength() {
      return delegate.getMaxRenderedLength();
    }

    @Override
    public synchronized void accept(String rendered) {
      if (!closed) {
        delegate.accept(rendered);
      }
    }

    @Override
    public void clear() {
      delegate.clear();
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        delegate.close();
      }
    }
  }
}
