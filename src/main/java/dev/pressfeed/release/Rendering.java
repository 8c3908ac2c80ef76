package dev.pressfeed.release;

import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A release set in HTML: what the API serves as {@code bodyHtml} and {@code aboutHtml}, and what
 * every feed format carries as an entry's content and summary. The {@link Newsroom} has the
 * {@link Composer} make it once, when it writes a version, and it is stored with that version;
 * reads (the API, the feeds) then only copy its strings and never load the Markdown renderer or
 * the sanitiser.
 *
 * <p>Only the {@link Composer} makes one (a store gives back the one it was given), so its HTML
 * is only ever what our own sanitiser ({@link Markup}) let through when the release was
 * written. A stored rendering is used only when its {@link #version} is {@link #VERSION};
 * a release without a current one (written before renderings were stored, too large to store
 * one, composed by older code, or built directly by a test) is composed on read by
 * {@link #of(Release)}, with the same result.
 *
 * @param version     the {@link #VERSION} of the code that composed it
 * @param bodyHtml    the body, rendered and sanitised on its own (the API's {@code bodyHtml})
 * @param aboutHtml   the boilerplate, rendered and sanitised; {@code null} when there is none
 * @param feedHtml    a feed entry's full content: subtitle, dateline, body, press contacts,
 *                    links and boilerplate, sanitised as one fragment
 * @param feedSummary a feed entry's plain-text summary: the editor's, else an excerpt of the body
 */
public record Rendering(int version, String bodyHtml, String aboutHtml, String feedHtml,
    String feedSummary) {

  /**
   * The version of what {@link Composer} and {@link Markup} make. Change it with every change
   * that can alter their output by a single byte: the composition, the headings, the excerpt
   * rule, the sanitiser's allow-list or output settings, an upgrade of commonmark or jsoup.
   * Renderings stored under another version are then ignored and composed again on read, until
   * the release's next write stores a current one. (Feed ETags carry an output version of their
   * own, {@code FeedApi.OUTPUT_VERSION}; change that too, so caches drop the old bytes.)
   *
   * <p>2: composed text holds only {@link FeedText} characters. A version-1 rendering could
   * carry a decoded {@code &#x0B;} or {@code &#xFFFE;} that broke every feed holding it; those
   * are now composed again on read.
   */
  public static final int VERSION = 2;

  /**
   * Composed renderings of releases stored without a current one, by feed identity and version
   * (both fixed for a release version), kept while there is room: a warm container serves the
   * same releases in feed after feed.
   */
  private static final Recent RECENT = new Recent(8_000_000);

  public Rendering {
    Objects.requireNonNull(bodyHtml, "bodyHtml");
    Objects.requireNonNull(feedHtml, "feedHtml");
    Objects.requireNonNull(feedSummary, "feedSummary");
  }

  /** Whether this code made it the way it would make it now. */
  public boolean isCurrent() {
    return version == VERSION;
  }

  /**
   * Whether a stored rendering of version {@code stored} with these texts is exactly what this
   * code composes, so that a read may serve it. A version-1 rendering is, unless it holds a
   * character {@link FeedText} refuses, raw or as a numeric character reference (jsoup writes a
   * decoded control as {@code &#xb;}; typed text never yields {@code &#}, it is escaped as
   * {@code &amp;#}): version 2 changed nothing else. Without this, every release stored before
   * version 2 would be composed on read, loading the Markdown renderer and the sanitiser into the
   * feed function's cold start, until its next write.
   */
  public static boolean isStillCurrent(long stored, String... texts) {
    if (stored == VERSION) {
      return true;
    }
    if (stored != 1) {
      return false;
    }
    for (String text : texts) {
      if (text != null && (!FeedText.isAllowed(text) || text.contains("&#"))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rendering a read serves: the release's own if it is current, else composed now (once
   * per release version in this container).
   */
  public static Rendering of(Release release) {
    Rendering stored = release.rendering();
    if (stored != null && stored.isCurrent()) {
      return stored;
    }
    return RECENT.get(release.feedId() + "#" + release.version(),
        () -> Composer.compose(release.input()));
  }

  /** Forgets every rendering composed on read, so a benchmark can measure first reads too. */
  public static void forgetRecent() {
    RECENT.clear();
  }

  private long chars() {
    return (long) bodyHtml.length() + (aboutHtml == null ? 0 : aboutHtml.length())
        + feedHtml.length() + feedSummary.length();
  }

  /** A least-recently-used map bounded by the characters it holds. */
  private static final class Recent {
    private final long maxChars;
    private long chars;
    private final LinkedHashMap<String, Rendering> entries = new LinkedHashMap<>(64, 0.75f, true);

    Recent(long maxChars) {
      this.maxChars = maxChars;
    }

    Rendering get(String key, Supplier<Rendering> compose) {
      synchronized (this) {
        Rendering known = entries.get(key);
        if (known != null) {
          return known;
        }
      }
      // Composed outside the lock: two threads may both compose one release, never wait on it.
      Rendering composed = compose.get();
      synchronized (this) {
        Rendering replaced = entries.put(key, composed);
        chars += composed.chars() - (replaced == null ? 0 : replaced.chars());
        var oldest = entries.values().iterator();
        while (chars > maxChars && oldest.hasNext()) {
          chars -= oldest.next().chars();
          oldest.remove();
        }
      }
      return composed;
    }

    synchronized void clear() {
      entries.clear();
      chars = 0;
    }
  }
}
