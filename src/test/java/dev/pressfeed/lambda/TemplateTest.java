package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
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

  /** The routes of SPEC §3, which the template must all route. */
  static final Set<String> SPEC_ROUTES = Set.of(
      "GET /releases", "GET /releases/{id}", "GET /feed.rss", "GET /feed.atom", "GET /feed.json",
      "POST /releases", "PUT /releases/{id}", "DELETE /releases/{id}",
      "GET /editor/releases", "GET /editor/releases/{id}");
  static final Set<String> EDITOR_ROUTES = Set.of(
      "POST /releases", "PUT /releases/{id}", "DELETE /releases/{id}",
      "GET /editor/releases", "GET /editor/releases/{id}");

  final SamTemplate template = SamTemplate.load();

  @Test
  void everyHandlerClassExistsAndServesExactlyTheRoutesTheTemplateGivesIt(@TempDir Path dir) throws Exception {
    Set<String> all = new LinkedHashSet<>();
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      Application application = new Application(Config.from(Map.of()), store, new TestClock(Instant.now()));
      for (Map<String, Object> function : template.functions().values()) {
        Class<?> type = Class.forName(SamTemplate.handlerClass(function));
        assertThat(RequestHandler.class).isAssignableFrom(type);
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
    SamTemplate.list(table.get("GlobalSecondaryIndexes")).forEach(i -> {
      Map<String, Object> index = SamTemplate.map(i);
      indexes.put((String) index.get("IndexName"), keys(index.get("KeySchema")));
      assertThat(SamTemplate.map(index.get("Projection")).get("ProjectionType")).isEqualTo("ALL");
    });
    assertThat(indexes).isEqualTo(ReleaseTable.indexes());
    assertThat(SamTemplate.map(table.get("TimeToLiveSpecification")).get("AttributeName"))
        .isEqualTo(ReleaseTable.EXPIRES_AT);
    assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
  }

  @Test
  void everySettingTheCodeReadsOnAwsIsSet() {
    Map<String, Object> globals = SamTemplate.map(SamTemplate.map(template.root().get("Globals")).get("Function"));
    Map<String, Object> variables = SamTemplate.map(SamTemplate.map(globals.get("Environment")).get("Variables"));
    assertThat(variables.keySet()).containsExactlyInAnyOrder("TABLE_NAME", "PUBLIC_BASE_URL",
        "FEED_TITLE", "FEED_DESCRIPTION", "FEED_LANGUAGE", "FEED_SIZE", "FEED_MAX_AGE");
    assertThat(globals.get("Runtime")).isEqualTo("java21");
    assertThat(globals.get("CodeUri")).isEqualTo(".");
    template.resources().forEach((name, resource) -> {
      if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
        assertThat(SamTemplate.map(resource.get("Metadata")).get("BuildMethod")).as(name).isEqualTo("makefile");
      }
    });
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
