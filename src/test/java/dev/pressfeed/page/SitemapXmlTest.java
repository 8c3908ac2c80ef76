package dev.pressfeed.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.feed.XssVectors;
import dev.pressfeed.feed.Xml;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The sitemap writer on its own: escaping, what XML cannot carry, and the sizes parts are cut by. */
class SitemapXmlTest {

  static final Instant AT = Instant.parse("2026-11-26T09:00:00.123Z");

  static SitemapXml.Url url(String path, String title) {
    return new SitemapXml.Url("https://presse.example" + path, AT,
        title == null ? null : new SitemapXml.News("Presse & <Co>", "de", AT, title));
  }

  @Test
  void textXmlCannotCarryArrivesAsReplacementCharactersAndTheRestAsItWas() {
    String forbidden = "a\u0000b\u0001c\u000Bd\u001Fe\uD800f\uDC00g\uFFFEh\uFFFFi\u007Fj\u0085k\uFDD0l";
    String kept = "Zeile\r\nzwei\rdrei\tvier ]]> <&> \"'\u202E😀\uDBFF\uDFFD";
    byte[] xml = SitemapXml.urlset(List.of(url("/news/a", forbidden), url("/news/b", kept)));

    Element urlset = Xml.parse(new String(xml, StandardCharsets.UTF_8));
    SitemapContract.assertShape(urlset);
    List<Element> urls = SitemapContract.children(urlset, SitemapXml.SITEMAP, "url");
    String replaced = SitemapContract.text(SitemapContract.news(urls.get(0)).orElseThrow(),
        SitemapXml.NEWS, "title");
    assertThat(replaced).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi\uFFFDj\uFFFDk\uFFFDl");
    assertThat(SitemapContract.text(SitemapContract.news(urls.get(1)).orElseThrow(), SitemapXml.NEWS, "title"))
        .isEqualTo(kept);
    assertThat(SitemapContract.text(SitemapContract.child(SitemapContract.news(urls.get(1)).orElseThrow(),
        SitemapXml.NEWS, "publication"), SitemapXml.NEWS, "name")).isEqualTo("Presse & <Co>");
    assertThat(SitemapContract.text(urls.get(0), SitemapXml.SITEMAP, "lastmod")).isEqualTo("2026-11-26T09:00:00Z");
  }

  @Test
  void everyXssVectorAsATitleIsTextInAWellFormedSitemap() {
    List<SitemapXml.Url> urls = new ArrayList<>();
    for (int i = 0; i < XssVectors.ALL.size(); i++) {
      urls.add(url("/news/x-" + i, XssVectors.ALL.get(i)));
    }
    Element urlset = Xml.parse(new String(SitemapXml.urlset(urls), StandardCharsets.UTF_8));
    SitemapContract.assertShape(urlset);
    List<Element> parsed = SitemapContract.children(urlset, SitemapXml.SITEMAP, "url");
    assertThat(parsed).hasSize(XssVectors.ALL.size());
    for (int i = 0; i < parsed.size(); i++) {
      String title = SitemapContract.text(SitemapContract.news(parsed.get(i)).orElseThrow(),
          SitemapXml.NEWS, "title");
      assertThat(title).isEqualTo(dev.pressfeed.release.FeedText.clean(XssVectors.ALL.get(i)));
    }
  }

  @Test
  void theSizesAddUpToTheUrlsetByteForByte() {
    List<SitemapXml.Url> urls = List.of(
        new SitemapXml.Url("https://presse.example/", null, null),
        url("/news/2026-11-26-a", null),
        url("/news/2026-11-26-b", "Förderung für „Digitalstadt“ 😀 & mehr\r\n"),
        url("/news/2026-11-26-c", "x".repeat(300)));
    SitemapXml.Sizes sizes = SitemapXml.sizes(urls);

    assertThat(sizes.frame() + Arrays.stream(sizes.urls()).sum()).isEqualTo(SitemapXml.urlset(urls).length);
    for (int i = 0; i < urls.size(); i++) {
      List<SitemapXml.Url> one = List.of(urls.get(i));
      assertThat(sizes.urls()[i]).isEqualTo(SitemapXml.urlset(one).length - sizes.frame());
    }
    assertThat(sizes.frame()).isEqualTo(SitemapXml.urlset(List.of()).length);
  }

  @Test
  void anIndexNamesEachPartWithItsLastChange() {
    byte[] xml = SitemapXml.index(List.of(new SitemapXml.Part("https://presse.example/sitemap.xml?part=1&x=%3C", AT),
        new SitemapXml.Part("https://presse.example/sitemap.xml?part=2", null)));
    Element index = Xml.parse(new String(xml, StandardCharsets.UTF_8));
    SitemapContract.assertShape(index);
    List<Element> parts = SitemapContract.children(index, SitemapXml.SITEMAP, "sitemap");
    assertThat(parts).extracting(p -> SitemapContract.text(p, SitemapXml.SITEMAP, "loc"))
        .containsExactly("https://presse.example/sitemap.xml?part=1&x=%3C", "https://presse.example/sitemap.xml?part=2");
    assertThat(SitemapContract.text(parts.get(0), SitemapXml.SITEMAP, "lastmod")).isEqualTo("2026-11-26T09:00:00Z");
    assertThat(SitemapContract.children(parts.get(1), SitemapXml.SITEMAP, "lastmod")).isEmpty();
  }

  @Test
  void theRehearsalWritesAWholeSitemapWithoutAStore() {
    Element urlset = Xml.parse(new String(SitemapApi.rehearse("https://presse.example"), StandardCharsets.UTF_8));
    SitemapContract.assertShape(urlset);
    assertThat(SitemapContract.text(SitemapContract.news(SitemapContract.children(urlset, SitemapXml.SITEMAP, "url")
        .get(0)).orElseThrow(), SitemapXml.NEWS, "title")).isEqualTo("Warm-up & <Probe>\r");
  }

  @Test
  void googleNewsNamesALanguageByItsPrimarySubtag() {
    assertThat(SitemapApi.primaryLanguage("de-DE")).isEqualTo("de");
    assertThat(SitemapApi.primaryLanguage("zh-Hant-TW")).isEqualTo("zh");
    assertThat(SitemapApi.primaryLanguage("EN")).isEqualTo("en");
    assertThat(SitemapApi.primaryLanguage("gsw")).isEqualTo("gsw");
  }
}
