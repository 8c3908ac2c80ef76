package dev.pressfeed.feed;

import dev.pressfeed.Fixtures;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseInput.Attachment;
import dev.pressfeed.release.ReleaseInput.Contact;
import dev.pressfeed.release.ReleaseInput.Link;
import dev.pressfeed.release.ReleaseInput.Organization;
import dev.pressfeed.release.ReleaseRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Feed editions for renderer tests: the seed release and a torture set of releases the API
 * accepts (each checked by {@link ReleaseRules}, except the one with more tags than the API
 * allows, which shows the renderers do not depend on that cap).
 */
final class Editions {

  static final String BASE = "https://press.example";
  static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");

  private Editions() {}

  /** The press office's name, as FEED_TITLE; markup characters on purpose. */
  static final String PUBLISHER = "Pressfeed „Test“ & <Co>";

  /**
   * One edition, page one of the German tag feed (titled with its tag, in its language), with
   * an older page after it.
   */
  static FeedEdition of(List<Release> releases) {
    Instant updated = releases.stream().map(FeedEdition::changed).max(Instant::compareTo)
        .orElse(Instant.EPOCH);
    return new FeedEdition(PUBLISHER + " – Smart City", PUBLISHER,
        "Pressemitteilungen & News <b>für</b> alle", "de",
        BASE + "/feed.atom?tag=Smart%20City&lang=de&cursor=abc123", BASE + "/?tag=Smart%20City&lang=de",
        BASE, Optional.of(BASE + "/feed.atom?tag=Smart%20City&lang=de&cursor=older"), releases, updated);
  }

  static Release release(ReleaseInput input, Instant published, String id) {
    return new Release(id, "urn:uuid:" + UUID.nameUUIDFromBytes(id.getBytes()), input,
        Release.State.PUBLISHED, published, published.minus(Duration.ofHours(1)),
        published.plus(Duration.ofMinutes(5)), 2);
  }

  static Release seed() {
    ReleaseInput in = Fixtures.seedInput();
    return release(in, Instant.parse(in.publishAt()), "2020-09-14-it-for-work-gratuliert");
  }

  /** The seed and the torture set, newest first. */
  static List<Release> tortureSet() {
    List<ReleaseInput> inputs = new ArrayList<>();
    inputs.add(accepted(german()));
    inputs.add(accepted(astral()));
    inputs.add(accepted(rightToLeft()));
    inputs.add(accepted(markupLooking()));
    inputs.add(accepted(longest()));
    inputs.add(accepted(minimal()));
    inputs.add(accepted(maxTags()));
    inputs.add(accepted(oddWhitespace()));
    inputs.add(hundredTags());
    List<Release> releases = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      releases.add(release(inputs.get(i), T0.minus(Duration.ofHours(i)), "2024-03-01-torture-" + i));
    }
    releases.add(seed());
    return releases;
  }

  static ReleaseInput accepted(ReleaseInput in) {
    ReleaseRules.Outcome outcome = ReleaseRules.check(in);
    if (!outcome.isValid()) {
      throw new IllegalArgumentException("the API would reject this release: " + outcome.errors());
    }
    return outcome.input();
  }

  static ReleaseInput input(String title, String subtitle, String summary, String body,
      String language, String location, List<String> tags, Organization organization,
      List<Contact> contacts, List<Link> links, String about, List<Attachment> attachments) {
    return new ReleaseInput(title, subtitle, summary, body, language, "published", null, location,
        tags, organization, contacts, links, about, attachments);
  }

  static ReleaseInput german() {
    return input("„Smart Cities made in Germany“ – Grüße aus der Straße, Maß & Fuß",
        "Ein Untertitel mit ‚halben‘ Anführungszeichen und ß", null,
        "Die Stadt „Darmstadt“ fördert Außenbereiche – mit 350 Mio. € … »Zitat« und ‹Kleinzitat›.",
        "de-DE", "Gießen", List.of("Förderung", "Straße"),
        new Organization("Verein für Äußerst Große Maße e. V.", "https://verein.example/%C3%BCber"),
        List.of(new Contact("Jörg Weiß", "Pressesprecher", "Groß & Söhne", "presse@verein.example",
            "+49 6151 12345", "+49 6151 12346", "Hauptstraße 1\n64283 Darmstadt",
            "https://verein.example/kontakt")),
        List.of(new Link("Übersicht „Förderung“", "https://verein.example/f%C3%B6rderung?a=1&b=2")),
        "Der **Verein** für _Maße_ – seit 1900.",
        List.of(new Attachment("https://verein.example/bild.jpg", "Foto „Straße“", "image/jpeg", 123456L)));
  }

  static ReleaseInput astral() {
    return input("Launch 🚀 of 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱 and 👩‍👩‍👧‍👦 families 🇩🇪",
        "Emoji 😀 in the subtitle", "A summary with 🎉 and 𝄞 music",
        "Body with 🚀🚀🚀, a CJK extension B character 𠀀, and a flag 🏳️‍🌈.\n\n"
            + "Mathematical 𝕏𝕐ℤ and an emoji at the end 🙂",
        "en", "🏙️ City", List.of("🚀 launch", "𝔘nicode"), new Organization("Emoji 😀 Inc.", null),
        List.of(), List.of(), null,
        List.of(new Attachment("https://cdn.example/deck-%F0%9F%9A%80.pdf", "Deck 🚀", null, null)));
  }

  static ReleaseInput rightToLeft() {
    return input("إطلاق منتج جديد في دبي — ‏שלום עולם‏ (2024)",
        "עברית ועربية معًا", "ملخص باللغة العربية",
        "هذه فقرة باللغة العربية مع رقم 123 وكلمة English داخلها.\n\n"
            + "זו פסקה בעברית עם \u202Bהטבעה\u202C וסימן \u200F כיוון.",
        "ar", "دبي", List.of("تقنية", "חדשות"), new Organization("شركة المثال", "https://example.ae"),
        List.of(new Contact("محمد", "متحدث", null, "press@example.ae", null, null, null, null)),
        List.of(new Link("רשימה", "https://example.co.il/")), "عن **الشركة**", List.of());
  }

  static ReleaseInput markupLooking() {
    return input("<script>alert('title')</script> ]]> & <b>bold</b> &amp; &lt; \"quoted\" 'single'",
        "<img src=x onerror=alert(1)> ]]>", "Summary with <tags> & ]]> and &amp;",
        "Text with ]]> and <![CDATA[ nested ]]> and & and < and >.\n\n"
            + "<script>alert('body')</script>\n\n"
            + "<a href=\"javascript:alert(1)\">bad link</a> and <b onclick=\"x()\">bold</b>\n\n"
            + "```\n<xml> & ]]> in code\n  indented line\n```\n\n"
            + "[good](https://example.com/?q=<x>&r=\"y\")",
        "en", "<Location> & ]]>", List.of("<script>", "a&b", "]]>"),
        new Organization("<Org> & \"Co\"", "https://example.com/?a=1&b=2"),
        List.of(new Contact("<Name> & Co", "<role>", "]]>", "o'brien+press@example.com",
            "<phone>", "&fax;", "<address>", "https://example.com/%3Ccontact%3E")),
        List.of(new Link("<b>Link</b> & ]]>", "https://example.com/a?b=1&c=%3C2%3E")),
        "<script>alert('about')</script> About & ]]>",
        List.of(new Attachment("https://example.com/file?a=1&b=2", "<title> & ]]>",
            "application/pdf", 0L)));
  }

  static ReleaseInput longest() {
    // 300 code points, some of them astral (two chars each).
    String title = IntStream.range(0, 300).mapToObj(i -> i % 50 == 49 ? "😀" : (i % 7 == 6 ? " " : "w"))
            .collect(Collectors.joining());
    StringBuilder body = new StringBuilder();
    int paragraph = 0;
    while (body.length() < 99_000) {
      body.append("Paragraph ").append(paragraph++).append(": ")
          .append("Lorem ipsum dolor sit amet, „consectetur“ adipiscing elit & more. ".repeat(10))
          .append("\n\n");
    }
    body.append("```\ncode block\n    keeps its\n        indentation\n```\n");
    String text = body.substring(0, Math.min(body.length(), 100_000));
    String summary = "S".repeat(500) + " " + "ü".repeat(499);
    return input(title, "s".repeat(300), summary, text, "en", "l".repeat(100),
        List.of("long"), null, List.of(), List.of(), "a".repeat(5000), List.of());
  }

  static ReleaseInput minimal() {
    return input("Minimal", null, null, "Just a body.", "en", null, null, null, null, null, null,
        null);
  }

  static ReleaseInput maxTags() {
    List<String> tags = IntStream.range(0, ReleaseRules.MAX_TAGS)
        .mapToObj(i -> String.format("tag %02d ", i) + "t".repeat(ReleaseRules.MAX_TAG - 7))
        .toList();
    return input("Twenty tags", null, null, "Body.", "en", null, tags, null, null, null, null,
        null);
  }

  static ReleaseInput oddWhitespace() {
    // The API refuses C1 controls, DEL and non-characters as typed; written as character
    // references in the Markdown they are accepted, and composed as U+FFFD.
    return input("Tabs\tand\u00A0spaces  and\u2028line separator, next line",
        null, null,
        "Line one\r\nLine two with\ttab\n\nNo-break\u00A0space, zero-width\u200Bspace, BOM\uFEFF,"
            + " replacement \uFFFD, noncharacter &#xFDD0;, C1 &#x85; and DEL &#127;.",
        "en", null, List.of("  spaced  "), null, null, null, null, null);
  }

  static ReleaseInput hundredTags() {
    List<String> tags = IntStream.range(0, 100).mapToObj(i -> "Thema " + i).toList();
    return input("A hundred tags", null, null, "Body with many tags.", "de", null, tags, null,
        null, null, null, null);
  }
}
