package dev.pressfeed.lambda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which resource of a template waits for which: the order CloudFormation must create them in. An
 * edge A → B means A names B ({@code Ref}, {@code Fn::GetAtt}, {@code ${B}} or {@code ${B.Attr}}
 * in {@code Fn::Sub}, {@code DependsOn}). SAM adds what its transform generates: a function with
 * {@code AutoPublishAlias} gets an alias ({@code F.Alias}) that waits for a version
 * ({@code F.Version}) that waits for the function; {@code Globals.Function} counts as every
 * function's own; an {@code HttpApi} event makes the API's generated body name the function's
 * alias (the API waits for it). A cycle is a template CloudFormation refuses.
 */
public final class StackGraph {

  private static final Pattern SUB_NAME = Pattern.compile("\\$\\{([^!}][^}]*)}");

  private final Map<String, Set<String>> edges = new LinkedHashMap<>();

  private StackGraph() {
  }

  public static StackGraph of(SamTemplate template) {
    StackGraph graph = new StackGraph();
    Map<String, Map<String, Object>> resources = template.resources();
    Map<String, Object> globals = SamTemplate.map(SamTemplate.map(
        template.root().getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()));
    Set<String> functions = new LinkedHashSet<>();
    resources.forEach((name, resource) -> {
      graph.edges.computeIfAbsent(name, n -> new LinkedHashSet<>());
      if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
        functions.add(name);
      }
    });
    resources.forEach((name, resource) -> {
      Set<String> names = new LinkedHashSet<>();
      Map<String, Object> properties = new HashMap<>(SamTemplate.map(resource.getOrDefault("Properties", Map.of())));
      // A function's events are the event sources' to wait for (the API waits for the alias), not
      // the function's.
      Object events = functions.contains(name) ? properties.remove("Events") : null;
      collect(properties, names);
      collect(Map.of("DependsOn", resource.getOrDefault("DependsOn", List.of())), names);
      if (functions.contains(name)) {
        collect(globals, names);
        boolean aliased = properties.containsKey("AutoPublishAlias") || globals.containsKey("AutoPublishAlias");
        if (aliased) {
          graph.edge(name + ".Alias", name + ".Version");
          graph.edge(name + ".Version", name);
        }
        SamTemplate.map(events == null ? Map.of() : events).values().forEach(event -> {
          Map<String, Object> e = SamTemplate.map(event);
          Map<String, Object> p = SamTemplate.map(e.getOrDefault("Properties", Map.of()));
          if ("HttpApi".equals(e.get("Type")) && p.get("ApiId") instanceof Map<?, ?> api
              && api.get("Ref") instanceof String apiName) {
            graph.edge(apiName, aliased ? name + ".Alias" : name);
          }
        });
      }
      names.forEach(target -> {
        String node = node(target, resources, functions);
        if (node != null) {
          graph.edge(name, node);
        }
      });
    });
    return graph;
  }

  /** The resource (or SAM-generated alias/version) a name refers to, or null for parameters. */
  private static String node(String target, Map<String, Map<String, Object>> resources, Set<String> functions) {
    if (resources.containsKey(target)) {
      return target;
    }
    int dot = target.indexOf('.');
    if (dot > 0) {
      String base = target.substring(0, dot);
      String attribute = target.substring(dot + 1);
      if (functions.contains(base) && (attribute.equals("Alias") || attribute.equals("Version"))) {
        return target;
      }
      if (resources.containsKey(base)) {
        return base;
      }
    }
    return null;
  }

  private static void collect(Object value, Set<String> names) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, inner) -> {
        if ("Ref".equals(key) && inner instanceof String ref) {
          names.add(ref);
        } else if ("Fn::GetAtt".equals(key) && inner instanceof List<?> parts && !parts.isEmpty()) {
          names.add((String) parts.get(0));
        } else if ("Fn::Sub".equals(key)) {
          sub(inner, names);
        } else if ("DependsOn".equals(key) && inner instanceof String one) {
          names.add(one);
        } else if ("DependsOn".equals(key) && inner instanceof List<?> many) {
          many.forEach(d -> names.add((String) d));
        } else {
          collect(inner, names);
        }
      });
    } else if (value instanceof List<?> list) {
      list.forEach(inner -> collect(inner, names));
    }
  }

  private static void sub(Object value, Set<String> names) {
    String text;
    Set<String> local = Set.of();
    if (value instanceof String s) {
      text = s;
    } else if (value instanceof List<?> parts && parts.size() == 2 && parts.get(0) instanceof String s) {
      text = s;
      Map<?, ?> variables = (Map<?, ?>) parts.get(1);
      local = new LinkedHashSet<>();
      for (Object key : variables.keySet()) {
        local.add((String) key);
      }
      collect(variables, names);
    } else {
      return;
    }
    Matcher matcher = SUB_NAME.matcher(text);
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!local.contains(name) && !name.startsWith("AWS::")) {
        names.add(name);
      }
    }
  }

  private void edge(String from, String to) {
    edges.computeIfAbsent(from, n -> new LinkedHashSet<>()).add(to);
    edges.computeIfAbsent(to, n -> new LinkedHashSet<>());
  }

  /** What a node names directly. */
  public Set<String> dependencies(String node) {
    return edges.getOrDefault(node, Set.of());
  }

  /** Everything a node waits for, directly or not. */
  public Set<String> reachableFrom(String node) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> work = new ArrayDeque<>(dependencies(node));
    while (!work.isEmpty()) {
      String next = work.pop();
      if (seen.add(next)) {
        work.addAll(dependencies(next));
      }
    }
    return seen;
  }

  /** A cycle, as the nodes along it (first = last), if there is one. */
  public Optional<List<String>> cycle() {
    Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
    for (String start : edges.keySet()) {
      List<String> path = new ArrayList<>();
      Optional<List<String>> found = visit(start, state, path);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<List<String>> visit(String node, Map<String, Integer> state, List<String> path) {
    Integer seen = state.get(node);
    if (seen != null && seen == 2) {
      return Optional.empty();
    }
    if (seen != null && seen == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return Optional.of(cycle);
    }
    state.put(node, 1);
    path.add(node);
    for (String next : dependencies(node)) {
      Optional<List<String>> found = visit(next, state, path);
      if (found.isPresent()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
    return Optional.empty();
  }
}
