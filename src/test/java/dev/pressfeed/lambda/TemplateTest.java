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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
      // SPEC §11: the audience
      "GET /editor/audience", "HEAD /editor/audience",
      // SPEC §9: the newsroom pages
      "GET /", "HEAD /", "GET /news/{id}", "HEAD /news/{id}",
      "GET /sitemap.xml", "HEAD /sitemap.xml", "GET /robots.txt", "HEAD /robots.txt");
  static final Set<String> EDITOR_ROUTES = Set.of(
      "POST /releases", "PUT /releases/{id}", "DELETE /releases/{id}",
      "GET /editor/releases", "GET /editor/releases/{id}",
      "HEAD /editor/releases", "HEAD /editor/releases/{id}",
      "GET /editor/audience", "HEAD /editor/audience");

  final SamTemplate template = SamTemplate.load();

  @Test
  void everyHandlerClassExistsAndServesExactlyTheRoutesTheTemplateGivesIt(@TempDir Path dir) throws Exception {
    Set<String> all = new LinkedHashSet<>();
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      Application application = new Application(Config.from(Map.of()), store, new TestClock(Instant.now()));
      for (var entry : template.functions().entrySet()) {
        Map<String, Object> function = entry.getValue();
        Class<?> type = Class.forName(SamTemplate.handlerClass(function));
        assertThat(RequestStreamHandler.class).isAssignableFrom(type);
        assertThat(type.getConstructor()).as("Lambda needs a public no-argument constructor").isNotNull();
        if (!ApiHandler.class.isAssignableFrom(type)) {
          // The notifier: invoked by a schedule and by the editor function, never by a route.
          assertThat(template.routes(entry.getKey())).as(entry.getKey()).isEmpty();
          continue;
        }
        ApiHandler handler = (ApiHandler) type.getConstructor(Application.class).newInstance(application);
        List<String> routes = template.routes(entry.getKey());
        assertThat(routes).containsExactlyInAnyOrderElementsOf(handler.routes());
        all.addAll(routes);
      }
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(SPEC_ROUTES);
    // Every route resource reaches a function: none is left without an integration.
    List<String> keys = template.resourcesOfType("AWS::ApiGatewayV2::Route").values().stream()
        .map(r -> (String) r.get("RouteKey")).toList();
    assertThat(keys).containsExactlyInAnyOrderElementsOf(SPEC_ROUTES);
  }

  @Test
  void editorRoutesAndOnlyThoseHaveTheJwtAuthorizer() {
    template.resourcesOfType("AWS::ApiGatewayV2::Route").forEach((name, route) -> {
      String key = (String) route.get("RouteKey");
      if (EDITOR_ROUTES.contains(key)) {
        assertThat(route.get("AuthorizationType")).as(key).isEqualTo("JWT");
        assertThat(route.get("AuthorizerId")).as(key).isEqualTo(Map.of("Ref", "EditorJwtAuthorizer"));
      } else {
        assertThat(route.getOrDefault("AuthorizationType", "NONE")).as(key).isEqualTo("NONE");
        assertThat(route.get("AuthorizerId")).as(key).isNull();
      }
    });
    Map<String, Object> authorizer = template.resourcesOfType("AWS::ApiGatewayV2::Authorizer").get("EditorJwtAuthorizer");
    assertThat(authorizer.get("AuthorizerType")).isEqualTo("JWT");
    assertThat(authorizer.get("IdentitySource")).isEqualTo(List.of("$request.header.Authorization"));
  }

  @Test
  void everyRouteReachesTheLiveAliasOfItsFunctionWhichOnlyThisApiMayInvoke() {
    Map<String, Map<String, Object>> functions = template.apiFunctions();
    // Routes are the API's own resources, not SAM events: the only function with events is the
    // notifier, which serves no route.
    assertThat(template.functions().keySet()).containsExactlyInAnyOrderElementsOf(
        concat(functions.keySet(), Set.of("NotifierFunction")));
    template.resourcesOfType("AWS::ApiGatewayV2::Integration").forEach((name, integration) -> {
      assertThat(integration.get("IntegrationType")).as(name).isEqualTo("AWS_PROXY");
      assertThat(integration.get("PayloadFormatVersion")).as(name).isEqualTo("2.0");
      assertThat(functions).as(name).containsKey(SamTemplate.aliasedFunction(integration.get("IntegrationUri")));
    });
    Map<String, List<Pattern>> invokableBy = new HashMap<>();
    String api = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/";
    template.resourcesOfType("AWS::Lambda::Permission").forEach((name, permission) -> {
      String function = SamTemplate.aliasedFunction(permission.get("FunctionName"));
      assertThat(functions).as(name + " names a function's alias").containsKey(function);
      assertThat(permission.get("Action")).isEqualTo("lambda:InvokeFunction");
      assertThat(permission.get("Principal")).isEqualTo("apigateway.amazonaws.com");
      String sourceArn = (String) SamTemplate.map(permission.get("SourceArn")).get("Fn::Sub");
      assertThat(sourceArn).as(name).startsWith(api);
      invokableBy.computeIfAbsent(function, f -> new ArrayList<>()).add(Pattern.compile(
          sourceArn.substring(api.length()).chars().mapToObj(c -> c == '*' ? ".*"
              : Pattern.quote(String.valueOf((char) c))).collect(Collectors.joining())));
    });
    assertThat(invokableBy.keySet()).isEqualTo(functions.keySet());
    // API Gateway invokes with the ARN of the stage, method and path. Each function's
    // permissions must cover its own routes (else the route answers 500) and no other route of
    // the API: least privilege, checked against the route table itself.
    Map<String, String> functionOfRoute = new HashMap<>();
    functions.keySet().forEach(f -> template.routes(f).forEach(r -> functionOfRoute.put(r, f)));
    assertThat(functionOfRoute.keySet()).isEqualTo(SPEC_ROUTES);
    functionOfRoute.forEach((route, owner) -> {
      String[] parts = route.split(" ", 2);
      String invoked = "$default/" + parts[0] + parts[1].replace("{id}", "2026-0001");
      invokableBy.forEach((function, patterns) -> {
        boolean covered = patterns.stream().anyMatch(p -> p.matcher(invoked).matches());
        assertThat(covered).as(function + " may be invoked for " + route).isEqualTo(function.equals(owner));
      });
    });
  }

  @Test
  void onlyTheEditorFunctionMayWriteAndTheFeedFunctionOnlyAudienceItems() {
    // The notifier writes its own items (pings, the embargo watermark): checked on its own below.
    template.apiFunctions().forEach((name, function) -> {
      List<String> policies = new ArrayList<>();
      SamTemplate.list(function.get("Policies")).forEach(p -> policies.addAll(SamTemplate.map(p).keySet()));
      if (name.equals("EditorFunction")) {
        // and, with a hub, the right to wake the notifier (below)
        assertThat(policies).containsExactly("DynamoDBCrudPolicy", "Fn::If");
      } else if (name.equals("FeedFunction")) {
        assertThat(policies).as(name).containsExactly("DynamoDBReadPolicy", "Statement");
      } else {
        assertThat(policies).as(name).containsExactly("DynamoDBReadPolicy");
      }
    });
  }

  /**
   * SPEC §11: the feed function records audience reports, and on AWS it may write nothing else.
   * Its one write statement allows only PutItem, only on the table, only for items whose
   * partition key starts with the prefix the code writes ({@link ReleaseTable#AUDIENCE_PREFIX}).
   */
  @Test
  void theFeedFunctionWritesOnlyItemsWhoseKeyStartsWithTheAudiencePrefix() {
    Map<String, Object> feed = template.functions().get("FeedFunction");
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Object policy : SamTemplate.list(feed.get("Policies"))) {
      Object statement = SamTemplate.map(policy).get("Statement");
      if (statement != null) {
        SamTemplate.list(statement).forEach(st -> statements.add(SamTemplate.map(st)));
      }
    }
    assertThat(statements).hasSize(1);
    Map<String, Object> write = statements.get(0);
    assertThat(write.get("Effect")).isEqualTo("Allow");
    Object actions = write.get("Action");
    assertThat(actions instanceof List<?> list ? list : List.of(actions)).containsExactly("dynamodb:PutItem");
    assertThat(write.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("ReleasesTable", "Arn")));
    Map<String, Object> condition = SamTemplate.map(write.get("Condition"));
    assertThat(condition).containsOnlyKeys("ForAllValues:StringLike");
    Map<String, Object> like = SamTemplate.map(condition.get("ForAllValues:StringLike"));
    assertThat(like).containsOnlyKeys("dynamodb:LeadingKeys");
    assertThat(SamTemplate.list(like.get("dynamodb:LeadingKeys")))
        .containsExactly(ReleaseTable.AUDIENCE_PREFIX + "*");
    // The prefix ends in the separator, so no release, filter entry or feed state key matches.
    assertThat(ReleaseTable.AUDIENCE_PREFIX).endsWith("#");
    // Behind the CDN the feeds' agents reach the origin, outside the cache key.
    Map<String, Object> feeds = behaviourFor("/feed.rss");
    assertThat(feeds.get("OriginRequestPolicyId")).isEqualTo(Map.of("Ref", "PublicAgentRequestPolicy"));
    Map<String, Object> agent = SamTemplate.map(SamTemplate.map(template.resources().get("PublicAgentRequestPolicy")
        .get("Properties")).get("OriginRequestPolicyConfig"));
    assertThat(SamTemplate.map(agent.get("HeadersConfig")).get("Headers")).isEqualTo(List.of("User-Agent"));
    assertThat(cacheKeyHeaders((String) SamTemplate.map(feeds.get("CachePolicyId")).get("Ref"))).isEmpty();
    assertThat(List.of("release#2026-0001", "feed#state", "filter#1#x", "idempotency#ab"))
        .noneMatch(key -> key.startsWith(ReleaseTable.AUDIENCE_PREFIX));
  }

  @Test
  void theNotifierExistsOnlyWithAHubRunsEveryMinuteAndIsWokenOnlyByTheEditorFunction() throws Exception {
    Map<String, Object> resource = template.resources().get("NotifierFunction");
    assertThat(resource.get("Condition")).isEqualTo("HasWebSubHub");
    Map<String, Object> notifier = template.functions().get("NotifierFunction");
    Class<?> type = Class.forName(SamTemplate.handlerClass(notifier));
    assertThat(RequestStreamHandler.class).isAssignableFrom(type);
    assertThat(type.getConstructor()).as("Lambda needs a public no-argument constructor").isNotNull();
    // Its one event: the schedule that finds embargo ends and retries failed pings.
    Map<String, Object> events = SamTemplate.map(notifier.get("Events"));
    assertThat(events).hasSize(1);
    Map<String, Object> schedule = SamTemplate.map(events.values().iterator().next());
    assertThat(schedule.get("Type")).isEqualTo("Schedule");
    assertThat(SamTemplate.map(schedule.get("Properties")).get("Schedule")).isEqualTo("rate(1 minute)");
    // Lambda retries a round that crashed, then records it; the pings stay in the table anyway.
    Map<String, Object> invoke = SamTemplate.map(notifier.get("EventInvokeConfig"));
    assertThat((Integer) invoke.get("MaximumRetryAttempts")).isBetween(1, 2);
    Map<String, Object> onFailure = SamTemplate.map(SamTemplate.map(invoke.get("DestinationConfig")).get("OnFailure"));
    assertThat(onFailure.get("Type")).isEqualTo("SQS");
    assertThat(onFailure.get("Destination")).isEqualTo(Map.of("Fn::GetAtt", List.of("NotifierFailures", "Arn")));
    for (String piece : List.of("NotifierLogs", "NotifierFailures")) {
      assertThat(template.resources().get(piece).get("Condition")).as(piece).isEqualTo("HasWebSubHub");
    }
    // A round ends well inside its timeout: each hub call has seconds, a round a deadline.
    assertThat((Integer) notifier.get("Timeout")).isBetween(30, 120);
    // The editor function names the notifier's alias and may invoke it, and nothing else may.
    Map<String, Object> editor = template.functions().get("EditorFunction");
    Object name = SamTemplate.map(SamTemplate.map(editor.get("Environment")).get("Variables")).get("NOTIFIER_FUNCTION_NAME");
    assertThat(name).isEqualTo(Map.of("Fn::If",
        List.of("HasWebSubHub", Map.of("Ref", "NotifierFunction.Alias"), Map.of("Ref", "AWS::NoValue"))));
    template.functions().forEach((function, properties) -> {
      List<Map<String, Object>> invokes = statements(properties).stream()
          .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("lambda:"))).toList();
      if (function.equals("EditorFunction")) {
        assertThat(invokes).hasSize(1);
        assertThat(actions(invokes.get(0))).containsExactly("lambda:InvokeFunction");
        assertThat(invokes.get(0).get("Resource")).isEqualTo(Map.of("Ref", "NotifierFunction.Alias"));
      } else {
        assertThat(invokes).as(function).isEmpty();
      }
    });
  }

  @Test
  void theNotifierReadsWritesAndDeletesItemsOfTheTableOnlyAndBehindTheCdnInvalidatesItsDistribution() {
    Map<String, Object> notifier = template.functions().get("NotifierFunction");
    List<Map<String, Object>> statements = statements(notifier);
    assertThat(statements).hasSize(2);
    assertThat(actions(statements.get(0))).containsExactlyInAnyOrder(
        "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteItem");
    assertThat(SamTemplate.list(statements.get(0).get("Resource"))).containsExactlyInAnyOrder(
        Map.of("Fn::GetAtt", List.of("ReleasesTable", "Arn")), Map.of("Fn::Sub", "${ReleasesTable.Arn}/index/*"));
    // The CDN's statement exists only with the CDN, and allows starting and reading invalidations
    // of this distribution, nothing else.
    List<Object> policies = SamTemplate.list(notifier.get("Policies"));
    assertThat(policies).hasSize(2);
    List<Object> cdnOnly = SamTemplate.list(SamTemplate.map(policies.get(1)).get("Fn::If"));
    assertThat(cdnOnly.get(0)).isEqualTo("UseCdn");
    assertThat(cdnOnly.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
    assertThat(actions(statements.get(1)))
        .containsExactlyInAnyOrder("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation");
    assertThat(statements.get(1).get("Effect")).isEqualTo("Allow");
    assertThat(statements.get(1).get("Resource")).isEqualTo(Map.of("Fn::Sub",
        "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}"));
    // And it is told which distribution, only with the CDN.
    assertThat(SamTemplate.map(SamTemplate.map(notifier.get("Environment")).get("Variables")))
        .isEqualTo(Map.of("CDN_DISTRIBUTION_ID",
            Map.of("Fn::If", List.of("UseCdn", Map.of("Ref", "Distribution"), Map.of("Ref", "AWS::NoValue")))));
  }

  /** A function's own IAM statements ({@code Statement} policies, also under an {@code Fn::If}). */
  private static List<Map<String, Object>> statements(Map<String, Object> function) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Object policy : SamTemplate.list(function.getOrDefault("Policies", List.of()))) {
      Map<String, Object> map = SamTemplate.map(policy);
      if (map.get("Fn::If") != null) {
        map = SamTemplate.map(SamTemplate.list(map.get("Fn::If")).get(1));
      }
      if (map.get("Statement") != null) {
        SamTemplate.list(map.get("Statement")).forEach(s -> statements.add(SamTemplate.map(s)));
      }
    }
    return statements;
  }

  private static List<String> actions(Map<String, Object> statement) {
    Object action = statement.get("Action");
    return action instanceof String one ? List.of(one)
        : SamTemplate.list(action).stream().map(String.class::cast).toList();
  }

  private static Set<String> concat(Set<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
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
      assertThat(own.keySet()).as(name).isEqualTo(switch (name) {
        case "PagesFunction" -> Set.of("TIME_ZONE");
        case "EditorFunction" -> Set.of("NOTIFIER_FUNCTION_NAME");
        case "NotifierFunction" -> Set.of("CDN_DISTRIBUTION_ID");
        default -> Set.of();
      });
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
    Map<String, Object> jwt = SamTemplate.map(
        template.resourcesOfType("AWS::ApiGatewayV2::Authorizer").get("EditorJwtAuthorizer").get("JwtConfiguration"));
    assertThat(jwt).containsKeys("Issuer", "Audience");
  }

  @Test
  void theApiIsLoggedAndOpenToBrowsersForPublicReadsOnly() {
    Map<String, Object> api = template.resourcesOfType("AWS::ApiGatewayV2::Api").get("HttpApi");
    assertThat(api.get("ProtocolType")).isEqualTo("HTTP");
    Map<String, Object> cors = SamTemplate.map(api.get("CorsConfiguration"));
    assertThat(cors.get("AllowMethods")).isEqualTo(List.of("GET"));
    assertThat(SamTemplate.list(cors.get("AllowHeaders"))).doesNotContain("Authorization");
    Map<String, Object> stage = stage();
    assertThat(stage.get("StageName")).isEqualTo("$default");
    assertThat(stage.get("AutoDeploy")).isEqualTo(true);
    assertThat(SamTemplate.map(stage.get("AccessLogSettings"))).containsKeys("DestinationArn", "Format");
    assertThat(SamTemplate.map(template.root().get("Outputs")).keySet()).contains("ApiUrl", "NewsroomUrl",
        "RssFeedUrl", "AtomFeedUrl", "JsonFeedUrl", "UserPoolId", "UserPoolClientId", "CdnDomainName",
        "CdnDistributionId");
  }

  /** Issue 14: no realistic poll rate meets a throttle; each editor route has its own tight one. */
  @Test
  void publicReadsAreThrottledOnlyFarAboveAnyPollRateAndEachEditorRouteTightly() {
    Map<String, Object> parameters = SamTemplate.map(template.root().get("Parameters"));
    assertThat(parameters).doesNotContainKeys("ThrottlingBurstLimit", "ThrottlingRateLimit");
    Map<String, Object> stage = stage();
    Map<String, Object> publicLimits = SamTemplate.map(stage.get("DefaultRouteSettings"));
    int publicRate = defaultOf(publicLimits.get("ThrottlingRateLimit"));
    int publicBurst = defaultOf(publicLimits.get("ThrottlingBurstLimit"));
    // A million subscribers polling every 5 minutes is 3 300 polls/s, and the CDN answers most.
    assertThat(publicRate).isGreaterThanOrEqualTo(3_300);
    assertThat(publicBurst).isGreaterThanOrEqualTo(1_000);
    Map<String, Object> perRoute = SamTemplate.map(stage.get("RouteSettings"));
    assertThat(perRoute.keySet()).as("every editor route and only those").isEqualTo(EDITOR_ROUTES);
    perRoute.forEach((route, value) -> {
      Map<String, Object> limits = SamTemplate.map(value);
      assertThat(limits.get("ThrottlingRateLimit")).as(route).isEqualTo(Map.of("Ref", "EditorRateLimit"));
      assertThat(limits.get("ThrottlingBurstLimit")).as(route).isEqualTo(Map.of("Ref", "EditorBurstLimit"));
    });
    assertThat(defaultOf(Map.of("Ref", "EditorRateLimit"))).isBetween(1, 100).isLessThan(publicRate);
    assertThat(defaultOf(Map.of("Ref", "EditorBurstLimit"))).isBetween(1, 200).isLessThan(publicBurst);
    for (String name : List.of("PublicRateLimit", "PublicBurstLimit", "EditorRateLimit", "EditorBurstLimit")) {
      assertThat((String) SamTemplate.map(parameters.get(name)).get("Description")).as(name).isNotBlank();
    }
    // RouteSettings name route keys, which must exist before the stage (SAM issue 2479).
    Object dependsOn = template.resources().get("HttpApiDefaultStage").get("DependsOn");
    assertThat(SamTemplate.list(dependsOn))
        .containsExactlyInAnyOrderElementsOf(template.resourcesOfType("AWS::ApiGatewayV2::Route").keySet());
  }

  @Test
  void noPolicyUsesAWildcard() throws Exception {
    String text = java.nio.file.Files.readString(SamTemplate.PATH);
    assertThat(text).doesNotContain("Action: '*'").doesNotContain("Resource: '*'")
        .doesNotContain("\"*\"").doesNotContain("dynamodb:*").doesNotContain("lambda:*");
    // Invocation rights go to this API alone: no permission without a source, none for any API.
    template.resourcesOfType("AWS::Lambda::Permission").forEach((name, permission) -> {
      assertThat(permission.get("SourceArn")).as(name).isInstanceOf(Map.class);
      assertThat((String) SamTemplate.map(permission.get("SourceArn")).get("Fn::Sub")).as(name)
          .contains(":${HttpApi}/").doesNotContain(":*/").doesNotEndWith("/*/*");
    });
  }

  // ---- In front: CloudFront (issue 14) ----

  static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
  static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
  static final Set<String> ALL_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE");

  /**
   * The query parameters the public code reads: what may change a public answer, so what the
   * cache key holds. The editor API's own ({@code status}) travel under /editor/*, uncached, where
   * AllViewerExceptHostHeader passes every query string on.
   */
  static Set<String> queryParametersTheCodeReads() throws java.io.IOException {
    Set<String> names = new java.util.TreeSet<>();
    Pattern read = Pattern.compile("(?:queryParam\\(|Lists\\.filter\\(request, )\"([a-z]+)\"");
    try (var files = java.nio.file.Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().equals("EditorApi.java")).toList()) {
        var matcher = read.matcher(java.nio.file.Files.readString(file));
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    }
    return names;
  }

  @Test
  void theCdnIsOnByDefaultAndEveryPieceOfItHangsOnTheCondition() {
    Map<String, Object> cdn = SamTemplate.map(SamTemplate.map(template.root().get("Parameters")).get("Cdn"));
    assertThat(cdn.get("AllowedValues")).isEqualTo(List.of("on", "off"));
    assertThat(cdn.get("Default")).isEqualTo("on");
    assertThat(SamTemplate.map(template.root().get("Conditions")).get("UseCdn"))
        .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Cdn"), "on")));
    template.resources().forEach((name, resource) -> {
      if (((String) resource.get("Type")).startsWith("AWS::CloudFront::")) {
        assertThat(resource.get("Condition")).as(name).isEqualTo("UseCdn");
      }
    });
    assertThat(template.resourcesOfType("AWS::CloudFront::Distribution")).containsOnlyKeys("Distribution");
  }

  @Test
  void publicReadsAreKeyedOnPathAndTheParametersThatChangeAnAnswerOnly() throws Exception {
    Set<String> read = queryParametersTheCodeReads();
    assertThat(read).contains("tag", "lang", "cursor", "limit", "part");
    for (String name : List.of("PublicCachePolicy", "ReleasesCachePolicy")) {
      Map<String, Object> config = cachePolicy(name);
      // The origin's Cache-Control governs; without one nothing is kept; nothing past a day.
      assertThat(config.get("MinTTL")).as(name).isEqualTo(0);
      assertThat(config.get("DefaultTTL")).as(name).isEqualTo(0);
      assertThat(config.get("MaxTTL")).as(name).isEqualTo(86_400);
      Map<String, Object> key = SamTemplate.map(config.get("ParametersInCacheKeyAndForwardedToOrigin"));
      assertThat(key.get("EnableAcceptEncodingGzip")).as(name).isEqualTo(true);
      assertThat(key.get("EnableAcceptEncodingBrotli")).as(name).isEqualTo(true);
      Map<String, Object> queries = SamTemplate.map(key.get("QueryStringsConfig"));
      assertThat(queries.get("QueryStringBehavior")).as(name).isEqualTo("whitelist");
      assertThat(new java.util.TreeSet<>(SamTemplate.list(queries.get("QueryStrings")))).as(name).isEqualTo(read);
      assertThat(SamTemplate.map(key.get("CookiesConfig")).get("CookieBehavior")).as(name).isEqualTo("none");
    }
    assertThat(cacheKeyHeaders("PublicCachePolicy")).isEmpty();
    // Authorization reaches the origin on a cached behaviour only through the cache key: one
    // entry per token, readers (no token) share theirs.
    assertThat(cacheKeyHeaders("ReleasesCachePolicy")).containsExactly("Authorization");
  }

  @Test
  void everyBehaviourCompressesRedirectsToHttpsAndReachesTheApiOverTls() {
    Map<String, Object> config = distribution();
    assertThat(config.get("HttpVersion")).isEqualTo("http2and3");
    assertThat(config.get("PriceClass")).isEqualTo(Map.of("Ref", "CdnPriceClass"));
    Map<String, Object> origin = SamTemplate.map(SamTemplate.list(config.get("Origins")).get(0));
    assertThat(SamTemplate.list(config.get("Origins"))).hasSize(1);
    assertThat(SamTemplate.map(origin.get("DomainName")).get("Fn::Sub"))
        .isEqualTo("${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}");
    Map<String, Object> custom = SamTemplate.map(origin.get("CustomOriginConfig"));
    assertThat(custom.get("OriginProtocolPolicy")).isEqualTo("https-only");
    assertThat(custom.get("OriginSSLProtocols")).isEqualTo(List.of("TLSv1.2"));
    List<Map<String, Object>> behaviours = behaviours();
    assertThat(behaviours).hasSize(4);
    for (Map<String, Object> behaviour : behaviours) {
      String path = (String) behaviour.getOrDefault("PathPattern", "default");
      assertThat(behaviour.get("Compress")).as(path).isEqualTo(true);
      assertThat(behaviour.get("ViewerProtocolPolicy")).as(path).isEqualTo("redirect-to-https");
      assertThat(behaviour.get("TargetOriginId")).as(path).isEqualTo(origin.get("Id"));
      assertThat(behaviour.get("CachedMethods")).as(path).isEqualTo(List.of("GET", "HEAD"));
      assertThat(behaviour).as(path).doesNotContainKeys("ForwardedValues", "LambdaFunctionAssociations");
    }
  }

  /**
   * Each route reaches the origin through the behaviour CloudFront picks for its path (the first
   * matching pattern, else the default): editor routes uncached or keyed on the token, with their
   * Authorization header; public reads cached and shared.
   */
  @Test
  void editorTrafficPassesWithItsAuthorizationAndPublicReadsAreCachedAndShared() {
    for (String route : SPEC_ROUTES) {
      String method = route.split(" ")[0];
      String path = route.split(" ")[1].replace("{id}", "2026-0001");
      Map<String, Object> behaviour = behaviourFor(path);
      assertThat(SamTemplate.list(behaviour.get("AllowedMethods"))).as(route).contains(method);
      Object cachePolicy = behaviour.get("CachePolicyId");
      if (EDITOR_ROUTES.contains(route)) {
        boolean uncachedWithEveryHeader = CACHING_DISABLED.equals(cachePolicy)
            && ALL_VIEWER_EXCEPT_HOST_HEADER.equals(behaviour.get("OriginRequestPolicyId"));
        boolean keyedOnTheToken = cachePolicy instanceof Map<?, ?> ref
            && cacheKeyHeaders((String) ref.get("Ref")).contains("Authorization");
        assertThat(uncachedWithEveryHeader || keyedOnTheToken).as(route + " reaches the origin with Authorization").isTrue();
        if (!method.equals("GET") && !method.equals("HEAD")) {
          assertThat(SamTemplate.list(behaviour.get("AllowedMethods"))).as(route).containsExactlyInAnyOrderElementsOf(ALL_METHODS);
        }
      } else {
        assertThat(cachePolicy).as(route + " is cached").isInstanceOf(Map.class);
        String policy = (String) SamTemplate.map(cachePolicy).get("Ref");
        assertThat(cacheKeyHeaders(policy)).as(route + ": no header but the token splits a public answer")
            .isSubsetOf("Authorization");
      }
    }
    assertThat(behaviourFor("/editor/releases").get("CachePolicyId")).isEqualTo(CACHING_DISABLED);
    assertThat(SamTemplate.list(behaviourFor("/editor/releases").get("AllowedMethods")))
        .containsExactlyInAnyOrderElementsOf(ALL_METHODS);
    // The default behaviour (feeds, pages) takes no writes.
    assertThat(SamTemplate.list(behaviours().get(0).get("AllowedMethods"))).containsExactly("GET", "HEAD", "OPTIONS");
  }

  @Test
  void linksAndOutputsNameTheCdnWhenItIsOn() {
    Map<String, Object> variables = SamTemplate.map(SamTemplate.map(globals().get("Environment")).get("Variables"));
    assertThat(variables.get("RESPONSE_COMPRESSION"))
        .isEqualTo(Map.of("Fn::If", List.of("UseCdn", "cdn", "gzip")));
    // PUBLIC_BASE_URL: the address given, else the custom domain, else the distribution's.
    List<Object> base = SamTemplate.list(SamTemplate.map(variables.get("PUBLIC_BASE_URL")).get("Fn::If"));
    assertThat(base.subList(0, 2)).isEqualTo(List.of("HasPublicBaseUrl", Map.of("Ref", "PublicBaseUrl")));
    List<Object> custom = SamTemplate.list(SamTemplate.map(base.get(2)).get("Fn::If"));
    assertThat(custom.subList(0, 2)).isEqualTo(List.of("HasCustomDomain", Map.of("Fn::Sub", "https://${CustomDomain}")));
    assertThat(custom.get(2)).isEqualTo(Map.of("Fn::If", List.of("UseCdn",
        Map.of("Fn::Sub", "https://${Distribution.DomainName}"), Map.of("Ref", "AWS::NoValue"))));
    Map<String, Object> outputs = SamTemplate.map(template.root().get("Outputs"));
    Map<String, String> paths = Map.of("NewsroomUrl", "/", "RssFeedUrl", "/feed.rss", "AtomFeedUrl", "/feed.atom",
        "JsonFeedUrl", "/feed.json");
    paths.forEach((name, path) -> {
      List<Object> value = SamTemplate.list(SamTemplate.map(SamTemplate.map(outputs.get(name)).get("Value")).get("Fn::If"));
      assertThat(value.get(1)).as(name).isEqualTo(Map.of("Fn::Sub", "${PublicBaseUrl}" + path));
      List<Object> domain = SamTemplate.list(SamTemplate.map(value.get(2)).get("Fn::If"));
      assertThat(domain.get(1)).as(name).isEqualTo(Map.of("Fn::Sub", "https://${CustomDomain}" + path));
      assertThat(domain.get(2)).as(name).isEqualTo(Map.of("Fn::If", List.of("UseCdn",
          Map.of("Fn::Sub", "https://${Distribution.DomainName}" + path),
          Map.of("Fn::Sub", "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}" + path))));
    });
    assertThat(SamTemplate.map(outputs.get("ApiUrl")).get("Value"))
        .isEqualTo(Map.of("Fn::Sub", "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"));
    assertThat(SamTemplate.map(outputs.get("CdnDomainName"))).containsEntry("Condition", "UseCdn")
        .containsEntry("Value", Map.of("Fn::GetAtt", List.of("Distribution", "DomainName")));
    assertThat(SamTemplate.map(outputs.get("CdnDistributionId"))).containsEntry("Condition", "UseCdn")
        .containsEntry("Value", Map.of("Ref", "Distribution"));
  }

  // ---- The order CloudFormation creates things in ----

  @Test
  void theStackHasNoDependencyCycleAndNoFunctionWaitsForTheApiInFrontOfIt() {
    StackGraph graph = StackGraph.of(template);
    assertThat(graph.cycle()).as("a dependency cycle").isEmpty();
    Set<String> apiParts = new LinkedHashSet<>();
    for (String type : List.of("AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Integration",
        "AWS::ApiGatewayV2::Stage", "AWS::Lambda::Permission")) {
      apiParts.addAll(template.resourcesOfType(type).keySet());
    }
    Set<String> functionsAndAliases = new LinkedHashSet<>();
    template.functions().keySet().forEach(f -> functionsAndAliases.addAll(List.of(f, f + ".Alias", f + ".Version")));
    for (String function : template.functions().keySet()) {
      Set<String> waitsFor = graph.reachableFrom(function);
      // Its links name the distribution, so it waits for the distribution (and the API that is
      // the distribution's origin), but for no route, integration or permission, nor any function.
      // The one exception: the editor function names the notifier's alias, to wake it.
      if (function.equals("EditorFunction")) {
        waitsFor.removeAll(List.of("NotifierFunction.Alias", "NotifierFunction.Version", "NotifierFunction"));
      }
      assertThat(waitsFor).as(function).contains("Distribution", "ReleasesTable")
          .doesNotContainAnyElementsOf(apiParts).doesNotContainAnyElementsOf(functionsAndAliases);
    }
    assertThat(graph.reachableFrom("HttpApi")).as("the API waits for no function")
        .doesNotContainAnyElementsOf(functionsAndAliases);
    assertThat(graph.reachableFrom("Distribution")).as("the distribution waits for the API only")
        .contains("HttpApi").doesNotContainAnyElementsOf(functionsAndAliases).doesNotContainAnyElementsOf(apiParts);
    // The integrations do wait for the aliases: what the graph must see to be worth anything.
    assertThat(graph.dependencies("FeedIntegration")).contains("FeedFunction.Alias");
    assertThat(graph.reachableFrom("FeedFunction.Alias")).contains("FeedFunction", "Distribution");
  }

  /** The check can fail: SAM HttpApi events and a distribution in front make the cycle it finds. */
  @Test
  void theCycleCheckFindsTheCycleThatSamEventsAndADistributionMake() {
    SamTemplate withEvents = SamTemplate.parse("""
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            AutoPublishAlias: live
            Environment:
              Variables:
                PUBLIC_BASE_URL: !Sub https://${Distribution.DomainName}
        Resources:
          Api:
            Type: AWS::Serverless::HttpApi
          FeedFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: dev.pressfeed.lambda.FeedHandler::handleRequest
              Events:
                Rss:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref Api
                    Method: GET
                    Path: /feed.rss
          Distribution:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Origins:
                  - Id: api
                    DomainName: !Sub ${Api}.execute-api.${AWS::Region}.amazonaws.com
        """);
    assertThat(withEvents.functions()).containsKey("FeedFunction");
    assertThat(StackGraph.of(withEvents).cycle()).hasValueSatisfying(cycle -> assertThat(cycle)
        .contains("FeedFunction", "Distribution", "Api", "FeedFunction.Alias"));
  }

  private Map<String, Object> distribution() {
    return SamTemplate.map(template.resourcesOfType("AWS::CloudFront::Distribution").get("Distribution")
        .get("DistributionConfig"));
  }

  /** The default behaviour first, then the others in CloudFront's order of matching. */
  private List<Map<String, Object>> behaviours() {
    Map<String, Object> config = distribution();
    List<Map<String, Object>> behaviours = new ArrayList<>();
    behaviours.add(SamTemplate.map(config.get("DefaultCacheBehavior")));
    SamTemplate.list(config.getOrDefault("CacheBehaviors", List.of())).forEach(b -> behaviours.add(SamTemplate.map(b)));
    return behaviours;
  }

  /** The behaviour CloudFront uses for a path: the first whose pattern matches, else the default. */
  private Map<String, Object> behaviourFor(String path) {
    List<Map<String, Object>> behaviours = behaviours();
    for (Map<String, Object> behaviour : behaviours.subList(1, behaviours.size())) {
      String glob = (String) behaviour.get("PathPattern");
      Pattern pattern = Pattern.compile(glob.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "."
          : Pattern.quote(String.valueOf((char) c))).collect(Collectors.joining()));
      if (pattern.matcher(path).matches()) {
        return behaviour;
      }
    }
    return behaviours.get(0);
  }

  private Map<String, Object> cachePolicy(String name) {
    return SamTemplate.map(template.resourcesOfType("AWS::CloudFront::CachePolicy").get(name).get("CachePolicyConfig"));
  }

  private List<Object> cacheKeyHeaders(String policy) {
    Map<String, Object> headers = SamTemplate.map(SamTemplate.map(
        cachePolicy(policy).get("ParametersInCacheKeyAndForwardedToOrigin")).get("HeadersConfig"));
    return headers.get("HeaderBehavior").equals("none") ? List.of() : SamTemplate.list(headers.get("Headers"));
  }

  private Map<String, Object> stage() {
    return template.resourcesOfType("AWS::ApiGatewayV2::Stage").get("HttpApiDefaultStage");
  }

  /** The default of the parameter a {@code Ref} names. */
  private int defaultOf(Object ref) {
    String name = (String) SamTemplate.map(ref).get("Ref");
    Map<String, Object> parameter = SamTemplate.map(SamTemplate.map(template.root().get("Parameters")).get(name));
    assertThat(parameter.get("Type")).as(name).isEqualTo("Number");
    return ((Number) parameter.get("Default")).intValue();
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
