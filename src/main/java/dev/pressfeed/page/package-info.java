/**
 * Newsroom pages: HTML for people ({@code /}, {@code /news/{id}}), sitemap and robots.txt for
 * machines. Same store, same rules and same validators as the JSON API and the feeds; only the
 * representation differs, and each page lives at its own URL (no content negotiation).
 *
 * <p>Pages are jte templates ({@code src/main/jte}) compiled to Java at build time: every
 * dynamic value is escaped by its HTML context; only a release's stored, sanitised rendering
 * ({@code bodyHtml}, {@code aboutHtml}) is written as HTML. Views ({@link
 * dev.pressfeed.page.ReleaseView}, {@link dev.pressfeed.page.IndexView}) do the formatting —
 * dates in the release's language, phone links, sizes — so templates only place values.
 *
 * <p>Only the pages function loads this package: the feed and releases functions never touch
 * a template class or the JDK's locale data.
 */
package dev.pressfeed.page;
