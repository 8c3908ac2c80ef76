package dev.pressfeed.page;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dates as a reader of the release's language writes them: the JDK's CLDR long date for its
 * locale („14. September 2020" for {@code de}, "September 14, 2020" for {@code en}), on the
 * calendar day of the newsroom's {@code TIME_ZONE}.
 */
final class LongDates {

  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  private LongDates() {}

  /** Kept per language tag; a newsroom writes in a handful, this bound is only a guard. */
  private static final int MAX_KEPT = 64;

  static String format(Instant instant, String languageTag, ZoneId zone) {
    String tag = languageTag == null ? "" : languageTag;
    DateTimeFormatter formatter = FORMATTERS.get(tag);
    if (formatter == null) {
      formatter = formatter(tag);
      if (FORMATTERS.size() < MAX_KEPT) {
        FORMATTERS.put(tag, formatter);
      }
    }
    return formatter.format(instant.atZone(zone));
  }

  static Locale locale(String languageTag) {
    try {
      return new Locale.Builder().setLanguageTag(languageTag == null ? "" : languageTag).build();
    } catch (IllformedLocaleException e) {
      return Locale.ENGLISH;
    }
  }

  private static DateTimeFormatter formatter(String languageTag) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale(languageTag));
  }
}
