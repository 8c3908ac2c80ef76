/**
 * The durable local store: {@link dev.pressfeed.store.embedded.EmbeddedReleaseStore} keeps
 * releases and idempotency records in one SQLite file (WAL, {@code synchronous=FULL}) under a
 * directory, {@code ./data} for the local gateway, so nothing acknowledged is lost to a restart,
 * a {@code kill -9} or a power cut. It implements the {@code release} package's store port with
 * the same single-row conditional writes (a release's filter rows join it in one local
 * transaction) and stored document ({@code store.ReleaseDocument}) as
 * the DynamoDB adapter, and depends on {@code release} and {@code store} only. It belongs to the
 * local gateway's artifact and is left out of the Lambda package, together with SQLite.
 */
package dev.pressfeed.store.embedded;
