package dev.pressfeed.release;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The {@code tag} and {@code lang} filters of lists and feeds. Tags match case-insensitively;
 * a language matches itself and its subtags ({@code de} matches {@code de-DE}). Both stores
 * apply this one definition, so they cannot disagree.
 */
public record ReleaseFilter(String tag, String lang) implements Predicate<Release> {

  public static final ReleaseFilter NONE = new ReleaseFilter(null, null);

  public boolean isEmpty() {
    return tag == null && lang == null;
  }

  @Override
  public boolean test(Release release) {
    if (tag != null && release.input().tags().stream().noneMatch(t -> t.equalsIgnoreCase(tag))) {
      return false;
    }
    if (lang != null) {
      String wanted = lang.toLowerCase(Locale.ROOT);
      String actual = release.input().language().toLowerCase(Locale.ROOT);
      return actual.equals(wanted) || actual.startsWith(wanted + "-");
    }
    return true;
  }
}
