package dev.pressfeed;

import dev.pressfeed.release.FeedText;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Pressfeed reads from its environment (SPEC §6), read once by the composition
 * root. Nothing else calls {@code System.getenv}.
 *
 * @param publicBaseUrl      absolute base of every link, or empty to use the request's own host
 * @param timeZone           IANA zone of the dates newsroom pages show ({@code TIME_ZONE})
 * @param dynamodbEndpoint   local and tests only: a DynamoDB-compatible server
 * @param editorToken        local gateway only: the bearer token editors send
 * @param credentialsInEnvironment whether AWS keys are in the environment (always on Lambda)
 * @param dataDirectory      local gateway only: where the embedded store keeps its files
 * @param responseCompression {@code RESPONSE_COMPRESSION}: who compresses public answers
 * @param websubHubUrl       {@code WEBSUB_HUB_URL}: the WebSub hub every feed advertises (SPEC §10)
 * @param notifierFunction   AWS only, {@code NOTIFIER_FUNCTION_NAME}: the function the editor
 *                           function nudges after a write that queued a ping
 * @param cdnDistributionId  AWS only, {@code CDN_DISTRIBUTION_ID}: the CloudFront distribution
 *                           in front of the feeds, which the notifier purges before each ping
 */
public record Config(
    String tableName,
    Optional<String> publicBaseUrl,
    String feedTitle,
    String feedDescription,
    String feedLanguage,
    int feedSize,
    int feedMaxAge,
    String timeZone,
    String region,
    Optional<URI> dynamodbEndpoint,
    int port,
    Optional<String> editorToken,
    boolean credentialsInEnvironment,
    Path dataDirectory,
    ResponseCompression responseCompression,
    Optional<String> websubHubUrl,
    Optional<String> notifierFunction,
    Optional<String> cdnDistributionId) {

  /** Who compresses public answers for clients that accept it ({@code RESPONSE_COMPRESSION}). */
  public enum ResponseCompression {
    /** {@code gzip}, the default: Pressfeed gzips every public answer; nothing compresses in front. */
    GZIP,
    /**
     * {@code cdn}: a CDN in front compresses (gzip and Brotli) what it can, and Pressfeed gzips
     * only the types the CDN does not: CloudFront's list has RSS but not Atom nor JSON Feed.
     */
    CDN,
    /** {@code off}: identity only. */
    OFF
  }

  public static final int MAX_FEED_SIZE = 100;

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads and checks the settings; a wrong value stops start-up with a message naming it. */
  public static Config from(Map<String, String> env) {
    Optional<String> base = value(env, "PUBLIC_BASE_URL").map(Config::baseUrl);
    return new Config(
        value(env, "TABLE_NAME").orElse("pressfeed"),
        base,
        text(env, "FEED_TITLE", "Pressfeed"),
        text(env, "FEED_DESCRIPTION", "Press releases"),
        language(text(env, "FEED_LANGUAGE", "en")),
        number(env, "FEED_SIZE", 20, 1, MAX_FEED_SIZE),
        number(env, "FEED_MAX_AGE", 300, 0, 31_536_000),
        zone(value(env, "TIME_ZONE")),
        value(env, "AWS_REGION").or(() -> value(env, "AWS_DEFAULT_REGION")).orElse("us-east-1"),
        // The SDK's own variables are honoured too, so tools that set them just work.
        value(env, "DYNAMODB_ENDPOINT").or(() -> value(env, "AWS_ENDPOINT_URL_DYNAMODB"))
            .or(() -> value(env, "AWS_ENDPOINT_URL")).map(Config::endpoint),
        number(env, "PORT", 3000, 0, 65_535),
        value(env, "PRESSFEED_EDITOR_TOKEN"),
        value(env, "AWS_ACCESS_KEY_ID").isPresent(),
        directory(value(env, "PRESSFEED_DATA_DIR").orElse("data")),
        compression(value(env, "RESPONSE_COMPRESSION")),
        value(env, "WEBSUB_HUB_URL").map(Config::hubUrl),
        value(env, "NOTIFIER_FUNCTION_NAME"),
        value(env, "CDN_DISTRIBUTION_ID"));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * A setting every feed carries: a character a feed cannot carry would make every feed fail, so
   * it stops start-up instead, naming the setting.
   */
  private static String text(Map<String, String> env, String name, String fallback) {
    String text = value(env, name).orElse(fallback);
    if (!FeedText.isAllowed(text)) {
      throw new IllegalArgumentException(name + " holds a control character or another character "
          + "a feed cannot carry");
    }
    return text;
  }

  private static String language(String tag) {
    try {
      new Locale.Builder().setLanguageTag(tag);
      return tag;
    } catch (IllformedLocaleException e) {
      throw new IllegalArgumentException("FEED_LANGUAGE must be a BCP 47 language tag such as en or de-DE");
    }
  }

  /**
   * Checked only when set: the zone rules are loaded by the first page that shows a date, never
   * by a function that shows none (the feeds), so the default costs nothing at start-up.
   */
  private static String zone(Optional<String> raw) {
    if (raw.isEmpty()) {
      return "UTC";
    }
    try {
      ZoneId.of(raw.get());
      return raw.get();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("TIME_ZONE must be an IANA time zone such as UTC or Europe/Berlin");
    }
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    Optional<String> raw = value(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(raw.get());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
  }

  private static ResponseCompression compression(Optional<String> raw) {
    for (ResponseCompression mode : ResponseCompression.values()) {
      if (raw.orElse("gzip").equalsIgnoreCase(mode.name())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("RESPONSE_COMPRESSION must be gzip, cdn or off");
  }

  private static Path directory(String raw) {
    try {
      return Path.of(raw);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("PRESSFEED_DATA_DIR must be a directory path");
    }
  }

  /** An absolute http(s) URL; a malformed one names the endpoint settings, not a parser's message. */
  private static URI endpoint(String raw) {
    URI uri = parsed(raw);
    if (uri == null || !uri.isAbsolute() || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("DYNAMODB_ENDPOINT must be an absolute http(s) URL, such as http://127.0.0.1:8000");
    }
    return uri;
  }

  /** An absolute http or https URL with a host. */
  private static boolean isHttpUrl(String raw) {
    URI uri = parsed(raw);
    return uri != null && uri.isAbsolute() && uri.getHost() != null
        && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
  }

  private static URI parsed(String raw) {
    try {
      return new URI(raw);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /**
   * An absolute http(s) URL of printable ASCII: it goes into feeds as an attribute and into the
   * {@code Link} header between angle brackets, where a space, a quote or a bracket would break it.
   */
  private static String hubUrl(String raw) {
    if (!isHttpUrl(raw) || !raw.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("WEBSUB_HUB_URL must be an absolute http(s) URL");
    }
    return raw;
  }

  private static String baseUrl(String raw) {
    if (!isHttpUrl(raw)) {
      throw new IllegalArgumentException("PUBLIC_BASE_URL must be an absolute http(s) URL");
    }
    return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
  }
}
