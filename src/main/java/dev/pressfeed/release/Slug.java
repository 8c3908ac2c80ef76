package dev.pressfeed.release;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Readable release ids: {@code yyyy-mm-dd-slug}, the UTC date, then the title in lower-case
 * ASCII with German transliteration (ä→ae, ö→oe, ü→ue, ß→ss), other accents stripped, cut at
 * a word boundary to at most {@value #MAX_SLUG} characters.
 */
public final class Slug {

  public static final int MAX_SLUG = 80;

  private Slug() {}

  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9-]{1,120}");

  /**
   * Whether a path segment could be a release id at all. Anything else is answered 404 without
   * asking the store (and cannot reach DynamoDB's key-size limit).
   */
  public static boolean isWellFormedId(String candidate) {
    return candidate != null && ID.matcher(candidate).matches();
  }

  public static String id(Instant date, String title) {
    return date.atOffset(ZoneOffset.UTC).toLocalDate() + "-" + of(title);
  }

  /** The candidate id for the {@code n}th release with the same base ({@code n ≥ 2}). */
  public static String numbered(String baseId, int n) {
    return baseId + "-" + n;
  }

  static String of(String title) {
    String german = title.toLowerCase(Locale.ROOT)
        .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
        .replace("ẞ", "ss");
    String ascii = Normalizer.normalize(german, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    StringBuilder slug = new StringBuilder();
    for (String word : ascii.split("[^a-z0-9]+")) {
      if (word.isEmpty()) {
        continue;
      }
      int needed = slug.length() == 0 ? word.length() : word.length() + 1;
      if (slug.length() + needed > MAX_SLUG) {
        if (slug.length() == 0) {
          slug.append(word, 0, MAX_SLUG); // one very long word: cut inside it
        }
        break;
      }
      if (slug.length() > 0) {
        slug.append('-');
      }
      slug.append(word);
    }
    return slug.length() == 0 ? "release" : slug.toString();
  }
}
