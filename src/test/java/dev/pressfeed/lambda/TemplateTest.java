package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.store.dynamodb.ReleaseTable;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code template.yaml} and the code agree: handlers, routes, authorizers, table, environment. */
class TemplateTest {

  /** The routes of SPEC §3, which the template must all route: every GET answers HEAD too. */
  static final Set<String> SPEC_ROUTES = Set.of(
      "GET /releases", "GET /releases/{id}", "GET /feed.rss", "GET /feed.atom", "GET /feed.json",
      "HEAD /releases", "HEAD /releases/{id}", "HEAD /feed.rss", "HEAD /feed.atom", "HEAD /feed.json",
      "POST /releases", "PUT /releases/{id}", "DELETE /releases/{id}",
      "GET /editor/releases", "GET /editor/releases/{id}",
      "HEAD /editor/releases", "HEAD /editor/releases/{id}",
      // SPEC §9: the newsroom pages
      "GET /", "HEAD /", "GET /news/{id}", "HEAD /news/{id}",
      "GET /sitemap.xml", "HEAD /sitemap.xml", "GET /robots.txt", "HEAD /robots.txt");
  static final Set<String> EDITOR_ROUTES = Set.of(
      "POST /releases", "PUT /releases/{id}", "DELETE /releases/{id}",
      "GET /editor/releases", "GET /editor/releases/{id}",
      "HEAD /editor/releases", "HEAD /editor/releases/{id}");

  final SamTemplate template = SamTemplate.load();

  @Test
  void everyHandlerClassExistsAndServesExactlyTheRoutesTheTemplateGivesIt(@TempDir Path dir) throws Exception {
    Set<String> all = new LinkedHashSet<>();
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      Application application = new Application(Config.from(Map.of()), store, new TestClock(Instant.now()));
      for (Map<String, Object> function : template.functions().values()) {
        Class<?> type = Class.forName(SamTemplate.handlerClass(function));
        assertThat(RequestStreamHandler.class).isAssignableFrom(type);
        assertThat(type.getConstructor()).as("Lambda needs a public no-argument constructor").isNotNull();
        ApiHandler handler = (ApiHandler) type.getConstructor(Application.class).newInstance(application);
        List<String> routes = SamTemplate.routes(function);
        assertThat(routes).containsExactlyInAnyOrderElementsOf(handler.routes());
        all.addAll(routes);
      }
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(SPEC_ROUTES);
  }

  @Test
  void editorRoutesAndOnlyThoseHaveTheJwtAuthorizer() {
    for (Map<String, Object> function : template.functions().values()) {
      SamTemplate.map(function.get("Events")).values().forEach(event -> {
        Map<String, Object> properties = SamTemplate.map(SamTemplate.map(event).get("Properties"));
        String route = properties.get("Method") + " " + properties.get("Path");
        Object auth = properties.get("Auth");
        if (EDITOR_ROUTES.contains(route)) {
          assertThat(auth).as(route).isNotNull();
          assertThat(SamTemplate.map(auth).get("Authorizer")).as(route).isEqualTo("EditorJwt");
        } else {
          assertThat(auth).as(route).isNull();
        }
      });
    }
  }

  @Test
  void onlyTheEditorFunctionMayWrite() {
    template.functions().forEach((name, function) -> {
      List<String> policies = new ArrayList<>();
      SamTemplate.list(function.get("Policies")).forEach(p -> policies.addAll(SamTemplate.map(p).keySet()));
      if (name.equals("EditorFunction")) {
        assertThat(policies).containsExactly("DynamoDBCrudPolicy");
      } else {
        assertThat(policies).as(name).containsExactly("DynamoDBReadPolicy");
      }
    });
  }

  @Test
  void theTableHasTheKeysAndIndexesTheCodeCreates() {
    Map<String, Object> table = SamTemplate.map(template.resources().get("ReleasesTable").get("Properties"));
    Map<String, String> attributes = new HashMap<>();
    SamTemplate.list(table.get("AttributeDefinitions")).forEach(a -> attributes.put(
        (String) SamTemplate.map(a).get("AttributeName"), (String) SamTemplate.map(a).get("AttributeType")));
    assertThat(attributes).isEqualTo(ReleaseTable.attributeDefinitions());
    assertThat(keys(table.get("KeySchema"))).isEqualTo(ReleaseTable.baseKey());
    Map<String, List<String>> indexes = new HashMap<>();
    Map<String, List<String>> included = new HashMap<>();
    SamTemplate.list(table.get("GlobalSecondaryIndexes")).forEach(i -> {
      Map<String, Object> index = SamTemplate.map(i);
      String name = (String) index.get("IndexName");
      indexes.put(name, keys(index.get("KeySchema")));
      Map<String, Object> projection = SamTemplate.map(index.get("Projection"));
      if (projection.get("ProjectionType").equals("INCLUDE")) {
        included.put(name, SamTemplate.list(projection.get("NonKeyAttributes")).stream().map(String.class::cast).toList());
      } else {
        assertThat(projection.get("ProjectionType")).isEqualTo("ALL");
      }
    });
    assertThat(indexes).isEqualTo(ReleaseTable.indexes());
    assertThat(included).isEqualTo(ReleaseTable.includedAttributes());
    assertThat(SamTemplate.map(table.get("TimeToLiveSpecification")).get("AttributeName"))
        .isEqualTo(ReleaseTable.EXPIRES_AT);
    assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
  }

  /** What Lambda itself sets, and what only local runs and tests read. */
  static final Set<String> NOT_FROM_THE_TEMPLATE = Set.of("AWS_REGION", "AWS_DEFAULT_REGION",
      "AWS_ACCESS_KEY_ID", "DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL",
      "PORT", "PRESSFEED_EDITOR_TOKEN", "PRESSFEED_DATA_DIR");

  @Test
  void everySettingTheCodeReadsOnAwsIsSet() {
    Set<String> read = new java.util.TreeSet<>();
    Config.from(new HashMap<>() {
      @Override
      public String get(Object key) {
        read.add((String) key);
        return null;
      }
    });
    read.removeAll(NOT_FROM_THE_TEMPLATE);
    Map<String, Object> globals = globals();
    Map<String, Object> variables = new HashMap<>(
        SamTemplate.map(SamTemplate.map(globals.get("Environment")).get("Variables")));
    // TIME_ZONE only where dates are shown: the pages function (the feeds carry UTC instants).
    template.functions().forEach((name, function) -> {
      Object environment = function.get("Environment");
      Map<String, Object> own = environment == null ? Map.of()
          : SamTemplate.map(SamTemplate.map(environment).get("Variables"));
      assertThat(own.keySet()).as(name).isEqualTo(name.equals("PagesFunction") ? Set.of("TIME_ZONE") : Set.of());
      variables.putAll(own);
    });
    assertThat(read).isNotEmpty();
    assertThat(variables.keySet()).containsAll(read);
    Set<String> extra = new java.util.TreeSet<>(variables.keySet());
    extra.removeAll(read);
    assertThat(extra).as("set by the template, read by the JVM").containsExactly("JAVA_TOOL_OPTIONS");
    // every parameter the feeds need is a template parameter
    assertThat(SamTemplate.map(template.root().get("Parameters")).keySet())
        .contains("FeedTitle", "FeedDescription", "FeedLanguage", "FeedSize", "FeedMaxAge", "PublicBaseUrl",
            "TimeZone");
  }

  @Test
  void functionsAreFastAndCheapJava() {
    Map<String, Object> globals = globals();
    assertThat(globals.get("Runtime")).isEqualTo("java21");
    assertThat(globals.get("Architectures")).isEqualTo(List.of("arm64"));
    assertThat((Integer) globals.get("MemorySize")).isBetween(512, 2048);
    assertThat((Integer) globals.get("Timeout")).isBetween(3, 29);
    assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
    assertThat(SamTemplate.map(globals.get("SnapStart")).get("ApplyOn")).isEqualTo("PublishedVersions");
    String javaOptions = (String) SamTemplate.map(SamTemplate.map(globals.get("Environment")).get("Variables"))
        .get("JAVA_TOOL_OPTIONS");
    assertThat(javaOptions).contains("-XX:TieredStopAtLevel=1");
    assertThat(globals.get("CodeUri")).isEqualTo(".");
    template.functions().forEach((name, function) -> {
      Map<String, Object> logging = SamTemplate.map(function.get("LoggingConfig"));
      assertThat(logging.get("LogFormat")).as(name).isEqualTo("JSON");
      String logGroup = (String) SamTemplate.map(logging.get("LogGroup")).get("Ref");
      assertThat(SamTemplate.map(template.resources().get(logGroup).get("Properties")))
          .as(name).containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionInDays"));
    });
    template.resources().forEach((name, resource) -> {
      if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
        assertThat(SamTemplate.map(resource.get("Metadata")).get("BuildMethod")).as(name).isEqualTo("makefile");
      }
    });
  }

  @Test
  void theTableKeepsItsDataSafe() {
    Map<String, Object> resource = template.resources().get("ReleasesTable");
    assertThat(resource.get("DeletionPolicy")).isEqualTo("Retain");
    assertThat(resource.get("UpdateReplacePolicy")).isEqualTo("Retain");
    Map<String, Object> table = SamTemplate.map(resource.get("Properties"));
    assertThat(table.get("DeletionProtectionEnabled")).isEqualTo(true);
    assertThat(SamTemplate.map(table.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"))
        .isEqualTo(true);
    assertThat(SamTemplate.map(table.get("SSESpecification")).get("SSEEnabled")).isEqualTo(true);
    assertThat(SamTemplate.map(table.get("TimeToLiveSpecification")).get("Enabled")).isEqualTo(true);
  }

  @Test
  void editorsComeFromACognitoPoolOrAnExistingIssuer() {
    Map<String, Map<String, Object>> resources = template.resources();
    assertThat(resources.get("EditorUserPool").get("Type")).isEqualTo("AWS::Cognito::UserPool");
    assertThat(resources.get("EditorUserPoolClient").get("Type")).isEqualTo("AWS::Cognito::UserPoolClient");
    Map<String, Object> group = SamTemplate.map(resources.get("EditorsGroup").get("Properties"));
    assertThat(group.get("GroupName")).isEqualTo(LambdaEvents.EDITORS_GROUP);
    for (String name : List.of("EditorUserPool", "EditorUserPoolClient", "EditorsGroup")) {
      assertThat(resources.get(name).get("Condition")).as(name).isEqualTo("CreateUserPool");
    }
    assertThat(SamTemplate.map(template.root().get("Parameters")).keySet()).contains("JwtIssuer", "JwtAudience");
    Map<String, Object> api = SamTemplate.map(resources.get("Api").get("Properties"));
    Map<String, Object> jwt = SamTemplate.map(SamTemplate.map(SamTemplate.map(
        SamTemplate.map(api.get("Auth")).get("Authorizers")).get("EditorJwt")).get("JwtConfiguration"));
    assertThat(jwt).containsKeys("issuer", "audience");
  }

  @Test
  void theApiIsThrottledLoggedAndOpenToBrowsersForPublicReadsOnly() {
    Map<String, Object> api = SamTemplate.map(template.resources().get("Api").get("Properties"));
    Map<String, Object> throttling = SamTemplate.map(api.get("DefaultRouteSettings"));
    assertThat(throttling).containsKeys("ThrottlingBurstLimit", "ThrottlingRateLimit");
    Map<String, Object> cors = SamTemplate.map(api.get("CorsConfiguration"));
    assertThat(cors.get("AllowMethods")).isEqualTo(List.of("GET"));
    assertThat(SamTemplate.list(cors.get("AllowHeaders"))).doesNotContain("Authorization");
    assertThat(SamTemplate.map(api.get("AccessLogSettings"))).containsKeys("DestinationArn", "Format");
    assertThat(SamTemplate.map(template.root().get("Outputs")).keySet()).contains("ApiUrl", "RssFeedUrl",
        "AtomFeedUrl", "JsonFeedUrl", "UserPoolId", "UserPoolClientId");
  }

  @Test
  void noPolicyUsesAWildcard() throws Exception {
    String text = java.nio.file.Files.readString(SamTemplate.PATH);
    assertThat(text).doesNotContain("Action: '*'").doesNotContain("Resource: '*'")
        .doesNotContain("\"*\"").doesNotContain("dynamodb:*");
  }

  private Map<String, Object> globals() {
    return SamTemplate.map(SamTemplate.map(template.root().get("Globals")).get("Function"));
  }

  private static List<String> keys(Object keySchema) {
    List<String> hash = new ArrayList<>();
    List<String> range = new ArrayList<>();
    SamTemplate.list(keySchema).forEach(k -> {
      Map<String, Object> key = SamTemplate.map(k);
      (key.get("KeyType").equals("HASH") ? hash : range).add((String) key.get("AttributeName"));
    });
    hash.addAll(range);
    return hash;
  }
}
