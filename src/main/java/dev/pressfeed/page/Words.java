package dev.pressfeed.page;

import java.util.Locale;

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
    String primary = languageTag == null ? "" : languageTag.split("-", 2)[0].toLowerCase(Locale.ROOT);
    return primary.equals("de") ? GERMAN : ENGLISH;
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
