package dev.pressfeed.store.dynamodb;

import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.ReleaseHead;
import dev.pressfeed.release.SortKey;
import dev.pressfeed.store.ReleaseDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one definition of the releases table: key schema, indexes, attribute names and the item
 * each value becomes. {@code template.yaml} must describe the same table; a test compares the
 * two through {@link #baseKey()}, {@link #indexes()} and {@link #attributeDefinitions()}.
 *
 * <p>One partition key only ({@code pk}), so a release and an idempotency record are each one
 * item and every write is a single-item conditional write. Lists come from two global indexes
 * whose keys each release item carries itself: {@value #PUBLISHED_INDEX} is sparse (only
 * published releases have its keys) and ordered by publication time, so "visible now" is a key
 * condition ({@code publishedSk <= upTo(now)}) rather than a filter (retracted releases that had
 * been public have keys there too, under a partition of their own, {@value #RETRACTED_PARTITION}); {@value #EDITOR_INDEX} holds
 * every release in the editors' order. {@value #HEAD_INDEX} holds each release's head (version,
 * last change, visible-from) and nothing else: a conditional read of one release reads a few
 * hundred bytes there instead of the release with its rendering.
 *
 * <p>{@value #ARCHIVE_INDEX} has the keys of {@value #PUBLISHED_INDEX} (so it is as sparse and in
 * the same order) but holds only each release's {@code version} and {@code updatedAt} beside them:
 * reading every visible release's place and last change (a sitemap) costs 150 to 250 bytes a
 * release instead of the release with its rendering. A new index over attributes every release
 * item already has: DynamoDB fills it from the existing items when the template adds it.
 *
 * <p>{@value #FILTER_INDEX} lists published releases under each {@code tag}/{@code lang} filter
 * key ({@link ReleaseFilter#keysOf}), so a filtered page reads a page of small entries and then
 * the releases they name, however many releases exist. Its entries are items of their own
 * ({@link #filterEntry}): one per filter key and written version of a release, written before
 * the release and deleted after the version that outdates them (see {@link DynamoReleaseStore}).
 */
public final class ReleaseTable {

  public static final String PK = "pk";
  public static final String VERSION = "version";
  public static final String DOC = "doc";

  public static final String PUBLISHED_INDEX = "published";
  public static final String PUBLISHED_PK = "publishedPk";
  public static final String PUBLISHED_SK = "publishedSk";
  /** The value of {@value #PUBLISHED_PK} for published releases: the feeds' ordered list. */
  public static final String PUBLISHED_PARTITION = "published";
  /**
   * The other value of {@value #PUBLISHED_PK}: retracted releases that had been public, ordered
   * by their retraction, so the feeds' tombstones (RFC 6721) are one Query of the same sparse
   * index instead of a new one. Every read of published releases names its partition.
   */
  public static final String RETRACTED_PARTITION = "retracted";

  /** {@value #PUBLISHED_INDEX}'s keys with {@value #VERSION} and {@value #UPDATED_AT} only. */
  public static final String ARCHIVE_INDEX = "archive";

  public static final String EDITOR_INDEX = "editor";
  public static final String EDITOR_PK = "editorPk";
  public static final String EDITOR_SK = "editorSk";
  public static final String EDITOR_PARTITION = "release";

  public static final String HEAD_INDEX = "head";
  /** The release's id, on release items only. */
  public static final String HEAD_PK = "headPk";
  /** Epoch milliseconds of the release's last change. */
  public static final String UPDATED_AT = "updatedAt";
  /** Epoch milliseconds from which the public may see it; only on published releases. */
  public static final String VISIBLE_FROM = "visibleFrom";

  public static final String FILTER_INDEX = "filter";
  /** A filter key ({@link ReleaseFilter#key()}), on filter entries only. */
  public static final String FILTER_PK = "filterPk";
  /** The listed release's public sort key: newest first, embargo in the key condition. */
  public static final String FILTER_SK = "filterSk";

  public static final String RELEASE_ID = "releaseId";
  /** Epoch seconds; the table's TTL attribute (enabled in {@code template.yaml}). */
  public static final String EXPIRES_AT = "expiresAt";

  /**
   * The start of every audience item's key ({@link DynamoAudienceBook}): the feed function's
   * IAM policy lets it write items whose key starts so, and no other (TemplateTest reads it).
   */
  public static final String AUDIENCE_PREFIX = "audience#";
  /**
   * Audience items' {@value #EDITOR_PK}: they share the editor index under their own partition,
   * with the time of the report as {@value #EDITOR_SK}, so the last week's is one Query.
   */
  public static final String AUDIENCE_PARTITION = "audience";

  private static final String RELEASE_PREFIX = "release#";
  private static final String IDEMPOTENCY_PREFIX = "idempotency#";
  private static final String FILTER_PREFIX = "filter#";
  /**
   * Written once every release stored before the filter index existed has its entries (see
   * {@link DynamoReleaseStore#fileReleasesWrittenBeforeTheFilterIndex}). No entry's key has a
   * letter after the prefix: they start with a version number.
   */
  static final String FILTER_INDEX_FILLED_KEY = FILTER_PREFIX + "filled";
  /** The feeds' validators: one small item (see {@code FeedState}). */
  static final String FEED_STATE_KEY = "feed#state";
  public static final String REVISION = "revision";
  public static final String CHANGED_AT = "changedAt";
  /** The public edition; missing on items written before it existed (then it is the revision). */
  public static final String EDITION = "edition";
  /**
   * A list of scheduled releases' embargo ends: maps ({@code at}, {@code release}, {@code
   * version}); plain numbers in items written before embargoes had owners.
   */
  public static final String EMBARGOES = "embargoes";
  private static final String EMBARGO_AT = "at";
  private static final String EMBARGO_RELEASE = "release";
  private static final String EMBARGO_VERSION = "version";

  /**
   * WebSub pings waiting for the hub ({@link DynamoOutbox}): items {@code ping#<id>} that put
   * themselves on {@value #EDITOR_INDEX} under a partition of their own, {@value #PING_PARTITION},
   * ordered by due time, so "due now" is one Query of that partition and never a Scan. Releases
   * sit under {@value #EDITOR_PARTITION} there, so neither list sees the other.
   */
  static final String PING_PREFIX = "ping#";
  public static final String PING_PARTITION = "ping";
  /** Epoch milliseconds when a ping may next be sent (or its lease ends). */
  static final String DUE = "due";
  static final String ATTEMPT = "attempt";
  static final String TOPICS = "topics";
  /** Behind a CDN: the CloudFront invalidation a ping waits for before it is sent. */
  static final String INVALIDATION = "invalidation";
  /** Up to when a notifier handled embargo ends; not a {@value #PING_PREFIX} item. */
  static final String PINGS_WATERMARK_KEY = "pings#watermark";
  static final String HANDLED_TO = "handledTo";

  private ReleaseTable() {}

  /** The base table's key: hash key first, then the range key if any. */
  public static List<String> baseKey() {
    return List.of(PK);
  }

  /** Index name → [hash key, range key] or [hash key]. */
  public static Map<String, List<String>> indexes() {
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    indexes.put(PUBLISHED_INDEX, List.of(PUBLISHED_PK, PUBLISHED_SK));
    indexes.put(ARCHIVE_INDEX, List.of(PUBLISHED_PK, PUBLISHED_SK));
    indexes.put(EDITOR_INDEX, List.of(EDITOR_PK, EDITOR_SK));
    indexes.put(HEAD_INDEX, List.of(HEAD_PK));
    indexes.put(FILTER_INDEX, List.of(FILTER_PK, FILTER_SK));
    return Map.copyOf(indexes);
  }

  /**
   * Index name → the attributes it projects besides the keys ({@code INCLUDE}); an index not
   * named here projects {@code ALL}.
   */
  public static Map<String, List<String>> includedAttributes() {
    return Map.of(HEAD_INDEX, List.of(VERSION, UPDATED_AT, VISIBLE_FROM),
        FILTER_INDEX, List.of(VERSION),
        ARCHIVE_INDEX, List.of(VERSION, UPDATED_AT));
  }

  /** Key attribute name → DynamoDB scalar type, as {@code AttributeDefinitions} lists them. */
  public static Map<String, String> attributeDefinitions() {
    return Map.of(PK, "S", PUBLISHED_PK, "S", PUBLISHED_SK, "S", EDITOR_PK, "S", EDITOR_SK, "S",
        HEAD_PK, "S", FILTER_PK, "S", FILTER_SK, "S");
  }

  public static CreateTableRequest createTableRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attributeDefinitions().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> AttributeDefinition.builder()
                .attributeName(e.getKey())
                .attributeType(ScalarAttributeType.fromValue(e.getValue()))
                .build())
            .toList())
        .keySchema(hash(PK))
        .globalSecondaryIndexes(indexes().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> GlobalSecondaryIndex.builder()
                .indexName(e.getKey())
                .keySchema(e.getValue().size() == 1 ? List.of(hash(e.getValue().get(0)))
                    : List.of(hash(e.getValue().get(0)), range(e.getValue().get(1))))
                .projection(projection(e.getKey()))
                .build())
            .toList())
        .build();
  }

  private static Projection projection(String index) {
    List<String> included = includedAttributes().get(index);
    return included == null ? Projection.builder().projectionType(ProjectionType.ALL).build()
        : Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(included).build();
  }

  static String releaseKey(String id) {
    return RELEASE_PREFIX + id;
  }

  /** Hashed: a scope holds the editor's subject and a client-chosen key of any length. */
  static String idempotencyKey(String scope) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(scope.getBytes(StandardCharsets.UTF_8));
      return IDEMPOTENCY_PREFIX + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static Map<String, AttributeValue> key(String pk) {
    return Map.of(PK, s(pk));
  }

  static Map<String, AttributeValue> item(Release release) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(releaseKey(release.id())));
    item.put(VERSION, n(release.version()));
    item.put(DOC, s(ReleaseDocument.write(release)));
    ReleaseHead head = release.head();
    item.put(HEAD_PK, s(release.id()));
    item.put(UPDATED_AT, n(head.updatedAt().toEpochMilli()));
    if (head.visibleFrom() != null) {
      item.put(VISIBLE_FROM, n(head.visibleFrom().toEpochMilli()));
    }
    item.put(EDITOR_PK, s(EDITOR_PARTITION));
    item.put(EDITOR_SK, s(release.editorSortKey().value()));
    // Absent otherwise: a draft or a retraction drops out of the published list by itself.
    if (release.state() == Release.State.PUBLISHED) {
      item.put(PUBLISHED_PK, s(PUBLISHED_PARTITION));
      item.put(PUBLISHED_SK, s(release.publicSortKey().value()));
    } else if (release.wasPublicBeforeRetraction()) {
      // Retraction is final, so its last change is its retraction and the key never moves.
      item.put(PUBLISHED_PK, s(RETRACTED_PARTITION));
      item.put(PUBLISHED_SK, s(retractedSortKey(release).value()));
    }
    return item;
  }

  /** A retracted release's place in {@value #RETRACTED_PARTITION}: its retraction time, its id. */
  static SortKey retractedSortKey(Release release) {
    return SortKey.of(release.updatedAt(), release.id());
  }

  /**
   * The filter entries {@code release} needs: none unless it is stored as published (scheduled
   * ones included; the embargo is in the key condition, as on {@value #PUBLISHED_INDEX}).
   */
  static List<Map<String, AttributeValue>> filterEntries(Release release) {
    if (release.state() != Release.State.PUBLISHED) {
      return List.of();
    }
    String sortKey = release.publicSortKey().value();
    List<Map<String, AttributeValue>> entries = new ArrayList<>();
    for (String filterKey : ReleaseFilter.keysOf(release)) {
      entries.add(filterEntry(filterKey, sortKey, release.version()));
    }
    return entries;
  }

  /**
   * One entry: the release at {@code sortKey} is listed under {@code filterKey} as of
   * {@code version}. The version is part of the item's key, so each written version has its own
   * entries: a writer deletes only its predecessor's, never an entry a later version needs, and
   * readers take an entry only when its version is the release's.
   */
  static Map<String, AttributeValue> filterEntry(String filterKey, String sortKey, long version) {
    return Map.of(
        PK, s(FILTER_PREFIX + version + "#" + sortKey + "#" + filterKey),
        FILTER_PK, s(filterKey),
        FILTER_SK, s(sortKey),
        VERSION, n(version));
  }

  /** The release an entry names: its sort key ends in the id. */
  static String filterEntryReleaseId(Map<String, AttributeValue> entry) {
    String sortKey = entry.get(FILTER_SK).s();
    return sortKey.substring(sortKey.indexOf('#') + 1);
  }

  /** The id of the release an item of the table is, from its key. */
  static String releaseIdOf(Map<String, AttributeValue> item) {
    return item.get(PK).s().substring(RELEASE_PREFIX.length());
  }

  static long version(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get(VERSION).n());
  }

  static Map<String, AttributeValue> item(IdempotencyRecord record) {
    return Map.of(
        PK, s(idempotencyKey(record.scope())),
        DOC, s(ReleaseDocument.writeIdempotency(record)),
        RELEASE_ID, s(record.release().id()),
        EXPIRES_AT, n(record.expiresAt().getEpochSecond()));
  }

  static Map<String, AttributeValue> item(FeedState state) {
    return Map.of(
        PK, s(FEED_STATE_KEY),
        REVISION, n(state.revision()),
        EDITION, n(state.edition()),
        CHANGED_AT, n(state.changedAt().toEpochMilli()),
        EMBARGOES, AttributeValue.fromL(state.embargoes().stream().map(ReleaseTable::embargo).toList()));
  }

  private static AttributeValue embargo(FeedState.Embargo embargo) {
    if (embargo.feedId() == null) {
      return n(embargo.endsAt().toEpochMilli());
    }
    return AttributeValue.fromM(Map.of(
        EMBARGO_AT, n(embargo.endsAt().toEpochMilli()),
        EMBARGO_RELEASE, s(embargo.feedId()),
        EMBARGO_VERSION, n(embargo.version())));
  }

  static FeedState feedState(Map<String, AttributeValue> item) {
    long revision = Long.parseLong(item.get(REVISION).n());
    AttributeValue edition = item.get(EDITION);
    return new FeedState(
        revision,
        edition == null ? revision : Long.parseLong(edition.n()),
        Instant.ofEpochMilli(Long.parseLong(item.get(CHANGED_AT).n())),
        item.get(EMBARGOES).l().stream().map(ReleaseTable::embargo).toList());
  }

  private static FeedState.Embargo embargo(AttributeValue value) {
    if (value.n() != null) {
      return FeedState.Embargo.unowned(Instant.ofEpochMilli(Long.parseLong(value.n())));
    }
    Map<String, AttributeValue> m = value.m();
    return new FeedState.Embargo(Instant.ofEpochMilli(Long.parseLong(m.get(EMBARGO_AT).n())),
        m.get(EMBARGO_RELEASE).s(), Long.parseLong(m.get(EMBARGO_VERSION).n()));
  }

  /** A head from its index entry (or from a whole release item). */
  static ReleaseHead head(Map<String, AttributeValue> item) {
    AttributeValue visibleFrom = item.get(VISIBLE_FROM);
    return new ReleaseHead(item.get(HEAD_PK).s(), Long.parseLong(item.get(VERSION).n()),
        visibleFrom == null ? null : Instant.ofEpochMilli(Long.parseLong(visibleFrom.n())),
        Instant.ofEpochMilli(Long.parseLong(item.get(UPDATED_AT).n())));
  }

  /**
   * A head from its {@value #ARCHIVE_INDEX} entry: the id and the publication time (to the
   * millisecond) from the sort key, which holds both.
   */
  static ReleaseHead archived(Map<String, AttributeValue> entry) {
    String sortKey = entry.get(PUBLISHED_SK).s();
    int split = sortKey.indexOf('#');
    return new ReleaseHead(sortKey.substring(split + 1), version(entry),
        Instant.parse(sortKey.substring(0, split)),
        Instant.ofEpochMilli(Long.parseLong(entry.get(UPDATED_AT).n())));
  }

  static Release release(Map<String, AttributeValue> item) {
    return ReleaseDocument.read(item.get(DOC).s());
  }

  static IdempotencyRecord idempotencyRecord(Map<String, AttributeValue> item) {
    return ReleaseDocument.readIdempotency(item.get(DOC).s());
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }
}
