package dev.pressfeed.release;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code tag} and {@code lang} filters of lists and feeds. Tags match case-insensitively;
 * a language matches itself and its subtags ({@code de} matches {@code de-DE}). Both stores
 * apply this one definition, so they cannot disagree.
 *
 * <p>A filtered read must cost a page, not the archive (SPEC §5), so stores keep an index of
 * filter keys: each published release is listed under every key of {@link #keysOf}, and a
 * filter reads the one list named by {@link #key()}. The two are defined here, next to
 * {@link #test}, so that {@code test(r)} holds exactly when {@code keysOf(r)} contains
 * {@code key()}: the index finds every release the filter wants and only those.
 */
public record ReleaseFilter(String tag, String lang) implements Predicate<Release> {

  public static final ReleaseFilter NONE = new ReleaseFilter(null, null);

  private static final String TAG = "t:";
  private static final String LANGUAGE = "l:";
  /**
   * Joins a language and a tag in a combined key. A stored language is a BCP 47 tag (letters,
   * digits, hyphens), so the language part never holds this and no tag key or language key
   * can equal a combined one.
   */
  private static final char JOIN = '|';
  /** Stored languages are ASCII, at most this long ({@link ReleaseRules}), in any case. */
  private static final int MAX_LANGUAGE = ReleaseRules.MAX_LANGUAGE;
  /** Case folding turns one code point into at most three ({@code ΐ}). */
  private static final int MAX_FOLDED_TAG = 3 * ReleaseRules.MAX_TAG;

  public boolean isEmpty() {
    return tag == null && lang == null;
  }

  @Override
  public boolean test(Release release) {
    if (tag != null) {
      String wanted = tagKey(tag);
      if (release.input().tags().stream().noneMatch(t -> tagKey(t).equals(wanted))) {
        return false;
      }
    }
    if (lang != null) {
      String wanted = lang.toLowerCase(Locale.ROOT);
      String actual = release.input().language().toLowerCase(Locale.ROOT);
      return actual.equals(wanted) || actual.startsWith(wanted + "-");
    }
    return true;
  }

  /**
   * The index list this filter reads; empty for {@link #NONE}, and for a filter no storable
   * release can pass, which then costs no read at all: a language longer than any stored one
   * or with a character no BCP 47 tag has, a tag longer than any stored one could fold to.
   * (Also what keeps a client's query within DynamoDB's key size.)
   */
  public Optional<String> key() {
    if (isEmpty()) {
      return Optional.empty();
    }
    String language = lang == null ? null : lang.toLowerCase(Locale.ROOT);
    if (language != null && (language.length() > MAX_LANGUAGE || language.indexOf(JOIN) >= 0)) {
      return Optional.empty();
    }
    if (tag != null) {
      String folded = tagKey(tag);
      if (folded.codePointCount(0, folded.length()) > MAX_FOLDED_TAG) {
        return Optional.empty();
      }
    }
    if (language == null) {
      return Optional.of(TAG + tagKey(tag));
    }
    if (tag == null) {
      return Optional.of(LANGUAGE + language);
    }
    return Optional.of(LANGUAGE + language + JOIN + TAG + tagKey(tag));
  }

  /**
   * Every key under which {@code release} is listed: each tag, each language prefix ending at
   * a subtag boundary ({@code de-DE}: {@code de}, {@code de-de}) and each pair of the two.
   * Whether it is published is the store's concern; this is about content only.
   */
  public static Set<String> keysOf(Release release) {
    Set<String> tags = new LinkedHashSet<>();
    for (String t : release.input().tags()) {
      tags.add(tagKey(t));
    }
    Set<String> languages = new LinkedHashSet<>();
    String language = release.input().language().toLowerCase(Locale.ROOT);
    for (int i = language.indexOf('-'); i >= 0; i = language.indexOf('-', i + 1)) {
      languages.add(language.substring(0, i));
    }
    languages.add(language);
    languages.removeIf(l -> l.indexOf(JOIN) >= 0); // cannot be stored (see JOIN); never matched
    Set<String> keys = new LinkedHashSet<>();
    tags.forEach(t -> keys.add(TAG + t));
    languages.forEach(l -> keys.add(LANGUAGE + l));
    for (String l : languages) {
      tags.forEach(t -> keys.add(LANGUAGE + l + JOIN + TAG + t));
    }
    return keys;
  }

  /**
   * What two tags share when they differ only in case: upper then lower case, which also
   * folds {@code ß}/{@code SS} and the Greek final sigma alike, in the root locale (never the
   * server's). The filter and the index both compare this, so they agree exactly.
   */
  public static String tagKey(String tag) {
    return tag.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }
}
