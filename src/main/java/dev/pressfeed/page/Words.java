package dev.pressfeed.page;

import java.util.Locale;
import java.util.Set;

/**
 * The few words a page says itself, in German or English: a release page speaks its release's
 * language, the index the newsroom's. Other languages get English words (their dates are still
 * in their own language, from the JDK's CLDR data).
 */
public record Words(
    String lang,
    String releases,
    String feeds,
    String newer,
    String older,
    String allReleases,
    String contacts,
    String links,
    String attachments,
    String about,
    String aboutNamed,
    String tags,
    String tagged,
    String language,
    String email,
    String phone,
    String fax,
    String web,
    String none,
    String notFoundTitle,
    String notFoundText,
    String goneTitle,
    String goneText,
    String skip) {

  static final Words GERMAN = new Words("de", "Pressemitteilungen", "Feeds abonnieren",
      "Neuere Mitteilungen", "Ältere Mitteilungen", "Alle Pressemitteilungen", "Pressekontakt",
      "Links", "Anhänge", "Über uns", "Über %s", "Schlagworte", "Schlagwort: %s", "Sprache: %s",
      "E-Mail", "Telefon", "Fax", "Web", "Noch keine Pressemitteilungen.",
      "Seite nicht gefunden", "Unter dieser Adresse ist keine Pressemitteilung veröffentlicht.",
      "Pressemitteilung zurückgezogen", "Diese Pressemitteilung wurde am %s zurückgezogen.",
      "Zum Inhalt");

  static final Words ENGLISH = new Words("en", "Press releases", "Subscribe",
      "Newer releases", "Older releases", "All press releases", "Press contacts",
      "Links", "Attachments", "About us", "About %s", "Tags", "Tag: %s", "Language: %s",
      "Email", "Phone", "Fax", "Web", "No press releases yet.",
      "Page not found", "No press release is published at this address.",
      "Press release withdrawn", "This press release was withdrawn on %s.",
      "Skip to content");

  /** The words for a BCP 47 tag: German for {@code de} and its subtags, else English. */
  public static Words of(String languageTag) {
    return primary(languageTag).equals("de") ? GERMAN : ENGLISH;
  }

  /** Whether these words are in the language {@code languageTag} names (any region or variant of it). */
  public boolean speak(String languageTag) {
    return primary(languageTag).equals(lang);
  }

  private static String primary(String languageTag) {
    return languageTag == null ? "" : languageTag.split("-", 2)[0].toLowerCase(Locale.ROOT);
  }

  /** Scripts written right to left (ISO 15924), and languages whose usual script is one of them. */
  private static final Set<String> RIGHT_TO_LEFT_SCRIPTS = Set.of("Adlm", "Arab", "Aran", "Hebr", "Mand",
      "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi");
  private static final Set<String> RIGHT_TO_LEFT_LANGUAGES = Set.of("ar", "arc", "azb", "bal", "bqi",
      "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks", "lrc", "mzn", "nqo", "pnb", "ps", "sd",
      "skr", "syr", "ug", "ur", "yi");

  /**
   * {@code "rtl"} for a language written right to left (by its script subtag if it has one, else
   * by its usual script: {@code ar}, {@code he}, {@code fa-IR}, {@code az-Arab}), else {@code "ltr"}.
   */
  public static String direction(String languageTag) {
    Locale locale = LongDates.locale(languageTag);
    boolean rightToLeft = locale.getScript().isEmpty()
        ? RIGHT_TO_LEFT_LANGUAGES.contains(locale.getLanguage())
        : RIGHT_TO_LEFT_SCRIPTS.contains(locale.getScript());
    return rightToLeft ? "rtl" : "ltr";
  }

  public String aboutOf(String organization) {
    return organization == null ? about : String.format(Locale.ROOT, aboutNamed, organization);
  }

  public String taggedWith(String tag) {
    return String.format(Locale.ROOT, tagged, tag);
  }

  public String inLanguage(String lang) {
    return String.format(Locale.ROOT, language, lang);
  }

  public String withdrawnOn(String date) {
    return String.format(Locale.ROOT, goneText, date);
  }
}
