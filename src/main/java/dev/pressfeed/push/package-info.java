/**
 * WebSub pings (SPEC §10): {@link dev.pressfeed.push.Pings} queues a
 * {@link dev.pressfeed.push.Ping} in the {@link dev.pressfeed.push.Outbox} before every release
 * write the public feeds show, and a {@link dev.pressfeed.push.Notifier} sends the queued pings
 * to the {@link dev.pressfeed.push.Hub} in rounds, with retries, and queues the pings of
 * embargoes that end with nobody writing; behind a CDN each ping first purges the feeds at the
 * edge ({@link dev.pressfeed.push.EdgeCache}). Nothing here runs on a request thread but the
 * queueing. It depends on {@code release}, on {@code http.FeedApi} for canonical feed URLs, on the
 * JDK's HTTP client and, in {@link dev.pressfeed.push.CloudFrontEdgeCache} only, on the AWS SDK's
 * CloudFront client; the outbox's adapters live with the stores ({@code store.embedded},
 * {@code store.dynamodb}). {@code release} sees only {@link dev.pressfeed.push.Outbox} and
 * {@link dev.pressfeed.push.Ping}, through {@code ReleaseStore.outbox()}.
 */
package dev.pressfeed.push;
