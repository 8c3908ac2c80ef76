package dev.pressfeed;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Pressfeed reads from its environment (SPEC §6), read once by the composition
 * root. Nothing else calls {@code System.getenv}.
 *
 * @param publicBaseUrl      absolute base of every link, or empty to use the request's own host
 * @param dynamodbEndpoint   local and tests only: a DynamoDB-compatible server
 * @param editorToken        local gateway only: the bearer token editors send
 * @param credentialsInEnvironment whether AWS keys are in the environment (always on Lambda)
 */
public record Config(
    String tableName,
    Optional<String> publicBaseUrl,
    String feedTitle,
    String feedDescription,
    String feedLanguage,
    int feedSize,
    int feedMaxAge,
    String region,
    Optional<URI> dynamodbEndpoint,
    int port,
    Optional<String> editorToken,
    boolean credentialsInEnvironment) {

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
        value(env, "FEED_TITLE").orElse("Pressfeed"),
        value(env, "FEED_DESCRIPTION").orElse("Press releases"),
        value(env, "FEED_LANGUAGE").orElse("en"),
        number(env, "FEED_SIZE", 20, 1, MAX_FEED_SIZE),
        number(env, "FEED_MAX_AGE", 300, 0, 31_536_000),
        value(env, "AWS_REGION").or(() -> value(env, "AWS_DEFAULT_REGION")).orElse("us-east-1"),
        // The SDK's own variables are honoured too, so tools that set them just work.
        value(env, "DYNAMODB_ENDPOINT").or(() -> value(env, "AWS_ENDPOINT_URL_DYNAMODB"))
            .or(() -> value(env, "AWS_ENDPOINT_URL")).map(URI::create),
        number(env, "PORT", 3000, 0, 65_535),
        value(env, "PRESSFEED_EDITOR_TOKEN"),
        value(env, "AWS_ACCESS_KEY_ID").isPresent());
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
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

  private static String baseUrl(String raw) {
    URI uri = URI.create(raw);
    if (!uri.isAbsolute() || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("PUBLIC_BASE_URL must be an absolute http(s) URL");
    }
    return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
  }
}
