// Reads a feed file with feedsmith (an independent parser: not Rome, not Jackson) and prints
// what a feed reader would take from it as JSON, one shape for RSS 2.0, Atom 1.0 and JSON Feed.
// Dates are re-printed by JavaScript's own Date parser, so the Java side compares instants.
// Usage: node read-feed.mjs FILE
import { readFileSync } from 'node:fs';
import { parseFeed } from 'feedsmith';

const instant = (text) => (text == null ? null : new Date(text).toISOString());
const list = (value) => (value == null ? [] : Array.isArray(value) ? value : [value]);

function rss(feed) {
  return {
    title: feed.title,
    language: feed.language ?? null,
    home: feed.link ?? null,
    self: list(feed.atom?.links).find((l) => l.rel === 'self')?.href ?? null,
    next: null,
    entries: list(feed.items).map((item) => ({
      id: item.guid?.value ?? null,
      idIsPermaLink: item.guid?.isPermaLink ?? null,
      title: item.title,
      link: item.link ?? null,
      published: instant(item.pubDate),
      updated: null,
      contentHtml: item.content?.encoded ?? null,
      summary: item.description ?? null,
      categories: list(item.categories).map((c) => c.name),
      enclosures: list(item.enclosures).map((e) => ({ url: e.url, type: e.type ?? null, length: e.length ?? null })),
      language: list(item.dc?.languages)[0] ?? null,
      author: list(item.dc?.creators)[0] ?? null,
    })),
  };
}

function atom(feed) {
  const rel = (links, name) => list(links).filter((l) => (l.rel ?? 'alternate') === name);
  return {
    id: feed.id,
    title: feed.title?.value ?? feed.title,
    language: feed.xml?.lang ?? null,
    home: rel(feed.links, 'alternate')[0]?.href ?? null,
    self: rel(feed.links, 'self')[0]?.href ?? null,
    next: rel(feed.links, 'next')[0]?.href ?? null,
    entries: list(feed.entries).map((entry) => ({
      id: entry.id,
      title: entry.title?.value ?? entry.title,
      link: rel(entry.links, 'alternate')[0]?.href ?? null,
      published: instant(entry.published),
      updated: instant(entry.updated),
      contentType: entry.content?.type ?? null,
      contentHtml: entry.content?.value ?? null,
      summary: entry.summary?.value ?? entry.summary ?? null,
      categories: list(entry.categories).map((c) => c.term),
      enclosures: rel(entry.links, 'enclosure').map((l) => ({ url: l.href, type: l.type ?? null, length: l.length ?? null })),
      language: entry.xml?.lang ?? null,
      author: list(entry.authors)[0]?.name ?? null,
    })),
  };
}

function json(feed) {
  return {
    id: feed.feed_url ?? feed.feedUrl ?? null,
    title: feed.title,
    language: feed.language ?? null,
    home: feed.home_page_url ?? feed.homePageUrl ?? null,
    self: feed.feed_url ?? feed.feedUrl ?? null,
    next: feed.next_url ?? feed.nextUrl ?? null,
    entries: list(feed.items).map((item) => ({
      id: item.id,
      title: item.title,
      link: item.url ?? null,
      published: instant(item.date_published ?? item.datePublished),
      updated: instant(item.date_modified ?? item.dateModified),
      contentHtml: item.content_html ?? item.contentHtml ?? null,
      summary: item.summary ?? null,
      categories: list(item.tags),
      enclosures: list(item.attachments).map((a) => ({
        url: a.url, type: a.mime_type ?? a.mimeType ?? null, length: a.size_in_bytes ?? a.sizeInBytes ?? null })),
      language: item.language ?? null,
      author: list(item.authors)[0]?.name ?? null,
    })),
  };
}

const { format, feed } = parseFeed(readFileSync(process.argv[2], 'utf8'));
const read = { rss, atom, json }[format];
if (!read) {
  console.error(`not RSS, Atom or JSON Feed: ${format}`);
  process.exit(2);
}
process.stdout.write(JSON.stringify({ format, ...read(feed) }));
