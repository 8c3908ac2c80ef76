package dev.pressfeed.lambda;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code template.yaml} read as plain maps. CloudFormation's short-form tags ({@code !Ref},
 * {@code !Sub}, {@code !GetAtt}, {@code !If}…) become {@code {"Ref": value}} style maps, as
 * their long forms would.
 */
public final class SamTemplate {

  public static final Path PATH = Path.of("template.yaml");

  private final Map<String, Object> root;

  private SamTemplate(Map<String, Object> root) {
    this.root = root;
  }

  public static SamTemplate load() {
    try (Reader reader = Files.newBufferedReader(PATH, StandardCharsets.UTF_8)) {
      Map<String, Object> root = new Yaml(new CloudFormationTags()).load(reader);
      return new SamTemplate(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A template given as text (a test's own small template). */
  public static SamTemplate parse(String yaml) {
    Map<String, Object> root = new Yaml(new CloudFormationTags()).load(yaml);
    return new SamTemplate(root);
  }

  public Map<String, Object> root() {
    return root;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Map<String, Object>> resources() {
    return (Map<String, Map<String, Object>>) root.get("Resources");
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  /** The functions: logical id → properties. */
  public Map<String, Map<String, Object>> functions() {
    Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
    resources().forEach((name, resource) -> {
      if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
        functions.put(name, map(resource.get("Properties")));
      }
    });
    return functions;
  }

  /**
   * The functions behind the HTTP API: every function but those woken by events of their own
   * (the notifier, on a schedule), which serve no route.
   */
  public Map<String, Map<String, Object>> apiFunctions() {
    Map<String, Map<String, Object>> functions = functions();
    functions.values().removeIf(function -> function.containsKey("Events"));
    return functions;
  }

  /** The resources of one type: logical id → properties. */
  public Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    resources().forEach((name, resource) -> {
      if (type.equals(resource.get("Type"))) {
        found.put(name, map(resource.getOrDefault("Properties", Map.of())));
      }
    });
    return found;
  }

  /**
   * A function's HTTP API routes as API Gateway route keys ({@code "GET /releases"}): the
   * {@code AWS::ApiGatewayV2::Route}s whose target is an integration that names the function's
   * alias ({@code !Ref FeedFunction.Alias}).
   */
  public List<String> routes(String function) {
    List<String> routes = new ArrayList<>();
    resourcesOfType("AWS::ApiGatewayV2::Route").values().forEach(route -> {
      if (function.equals(functionOf(route))) {
        routes.add((String) route.get("RouteKey"));
      }
    });
    return routes;
  }

  /** The function a route's integration invokes, or null. */
  public String functionOf(Map<String, Object> route) {
    Object target = route.get("Target");
    if (!(target instanceof Map<?, ?> sub) || !(sub.get("Fn::Sub") instanceof String text)
        || !text.startsWith("integrations/${") || !text.endsWith("}")) {
      return null;
    }
    String integration = text.substring("integrations/${".length(), text.length() - 1);
    Map<String, Object> resource = resources().get(integration);
    if (resource == null || !"AWS::ApiGatewayV2::Integration".equals(resource.get("Type"))) {
      return null;
    }
    return aliasedFunction(map(resource.get("Properties")).get("IntegrationUri"));
  }

  /** {@code FeedFunction} for {@code {"Ref": "FeedFunction.Alias"}}, else null. */
  public static String aliasedFunction(Object value) {
    if (value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String name && name.endsWith(".Alias")) {
      return name.substring(0, name.length() - ".Alias".length());
    }
    return null;
  }

  /** The handler class named by {@code Handler: pkg.Class::method}. */
  public static String handlerClass(Map<String, Object> function) {
    return ((String) function.get("Handler")).split("::")[0];
  }

  private static final class CloudFormationTags extends SafeConstructor {
    CloudFormationTags() {
      super(new LoaderOptions());
      this.yamlConstructors.put(null, new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String tag = node.getTag().getValue();
          String function = tag.startsWith("!") ? tag.substring(1) : tag;
          String key = function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
          Object value;
          if (node instanceof ScalarNode scalar) {
            value = function.equals("GetAtt") ? List.of(scalar.getValue().split("\\.", 2)) : scalar.getValue();
          } else if (node instanceof SequenceNode sequence) {
            value = constructSequence(sequence);
          } else {
            value = constructMapping((MappingNode) node);
          }
          return Map.of(key, value);
        }
      });
    }
  }
}
