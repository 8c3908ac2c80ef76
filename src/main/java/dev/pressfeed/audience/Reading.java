package dev.pressfeed.audience;

import java.time.Instant;

/**
 * The last count one aggregator reported for one feed.
 *
 * @param feed       the feed's canonical path and query, percent-encoded, without the base
 *                   URL: {@code /feed.rss?tag=f%C3%B6rderung}
 * @param reader     the aggregator's name ({@link Report#reader})
 * @param feedId     its id for the feed, or {@code ""}
 * @param reportedAt when that count was last written (to the millisecond)
 */
public record Reading(String feed, String reader, String feedId, int subscribers, Instant reportedAt) {}
