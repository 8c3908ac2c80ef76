/**
 * Who reads the feeds (SPEC §11): the subscriber count an aggregator reports in the
 * {@code User-Agent} of its fetch ({@link dev.pressfeed.audience.Report}), the
 * {@link dev.pressfeed.audience.AudienceBook} port that keeps the last count per feed and
 * aggregator, the {@link dev.pressfeed.audience.Recorder} that writes reports off the request
 * thread, and the editors' summary ({@link dev.pressfeed.audience.Audience}). Depends on the JDK
 * and {@code release} ({@code Deadline}) only: no AWS, no HTTP, no JSON. Nothing here is loaded
 * by a feed fetch whose agent reports no count.
 */
package dev.pressfeed.audience;
