/**
 * Feeds: what a feed contains is decided once ({@link dev.pressfeed.feed.FeedEdition}: the
 * visible releases, newest first, filtered) and each format is one small renderer fed by that
 * decision — RSS 2.0 and Atom 1.0 with Rome's wire models and generators (core Rome only, no
 * plugin scan beyond its own registry), JSON Feed 1.1 with Jackson. What a reader sees of a
 * release (full sanitised HTML, plain-text summary) is the release's
 * {@link dev.pressfeed.release.Rendering}, composed when the release was written and the same in
 * all three: nothing here renders Markdown or sanitises HTML. Depends on {@code release} only.
 */
package dev.pressfeed.feed;
