package dev.pressfeed.feed;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.pressfeed.release.Markup;
import dev.pressfeed.release.Release;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Atom 1.0 through Rome's Atom wire model. */
public final class AtomFeed {

  public static final String MEDIA_TYPE = "application/atom+xml; charset=utf-8";

  private AtomFeed() {}

  public static String render(FeedEdition edition) {
    Feed feed = new Feed("atom_1.0");
    feed.setId(edition.selfUrl());
    feed.setTitle(edition.title());
    feed.setUpdated(Date.from(edition.updated()));
    feed.setLanguage(edition.language());
    feed.setOtherLinks(List.of(link("self", edition.selfUrl(), MEDIA_TYPE.split(";")[0])));
    feed.setAlternateLinks(List.of(link("alternate", edition.siteUrl(), "application/json")));
    List<Entry> entries = new ArrayList<>();
    for (Release release : edition.entries()) {
      Entry entry = new Entry();
      entry.setId(release.feedId());
      entry.setTitle(release.input().title());
      entry.setPublished(Date.from(release.publishedAt()));
      entry.setUpdated(Date.from(FeedEdition.changed(release)));
      entry.setAlternateLinks(List.of(link("alternate", edition.permalink(release), null)));
      if (release.input().summary() != null) {
        Content summary = new Content();
        summary.setType("text");
        summary.setValue(release.input().summary());
        entry.setSummary(summary);
      }
      Content content = new Content();
      content.setType("html");
      content.setValue(Markup.toSafeHtml(release.input().body()));
      entry.setContents(List.of(content));
      entries.add(entry);
    }
    feed.setEntries(entries);
    try {
      return new WireFeedOutput().outputString(feed, false);
    } catch (FeedException e) {
      throw new IllegalStateException("Atom could not be written", e);
    }
  }

  private static Link link(String rel, String href, String type) {
    Link link = new Link();
    link.setRel(rel);
    link.setHref(href);
    if (type != null) {
      link.setType(type);
    }
    return link;
  }
}
