package dev.pressfeed.http;

import dev.pressfeed.release.StoreUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Method + path → action. Paths are templates such as {@code /releases/{id}}. Unknown paths
 * answer 404, known paths with another method 405 with {@code Allow}. Every problem, throttle
 * and unexpected failure becomes a response here and nowhere else.
 *
 * <p>Every {@code GET} route also answers {@code HEAD} (RFC 9110 §9.1: a server that supports
 * GET supports HEAD): the same action, so the same status and headers — a 304, a 401 or a 405
 * alike — with no body. The HEAD routes are route keys of their own ({@code "HEAD /feed.rss"}),
 * because API Gateway routes, and the local gateway mounts, by route key.
 */
public final class Router {

  /** What a route does, given the request and the path parameters. */
  @FunctionalInterface
  public interface Action extends BiFunction<Request, Map<String, String>, Response> {}

  /**
   * Where the router reports what an operator must see: a store that did not answer in time
   * (503) or an unexpected failure (500). The Lambda handlers write one JSON line; the default
   * prints a plain line for the console.
   *
   * @param routeKey the route in API Gateway's form, or {@code null} if none matched
   */
  @FunctionalInterface
  public interface Trouble {
    void report(String routeKey, int status, String message, Throwable cause);
  }

  /** Plain lines on standard error, for a console. */
  public static final Trouble CONSOLE = (routeKey, status, message, cause) -> {
    if (status == 503) {
      System.err.println(message + ": " + cause.getMessage());
    } else {
      System.err.println(message + (routeKey == null ? "" : " on " + routeKey));
      cause.printStackTrace();
    }
  };

  private record Route(String method, String template, Pattern pattern, List<String> names, Action action) {

    String key() {
      return method + " " + template;
    }
  }

  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");
  private final List<Route> routes = new ArrayList<>();
  private Compression compression = Compression.OFF;

  /**
   * Adds a route; a {@code GET} route brings its {@code HEAD} route along. A {@code HEAD} route
   * added for a template that already has one takes its place.
   */
  public Router add(String method, String template, Action action) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    Pattern pattern = Pattern.compile(regex.toString());
    put(new Route(method, template, pattern, names, action));
    if (method.equals("GET")) {
      String head = "HEAD " + template;
      if (routes.stream().noneMatch(r -> r.key().equals(head))) {
        put(new Route("HEAD", template, pattern, names, action));
      }
    }
    return this;
  }

  /**
   * Answers in the coding {@code compression} chooses (public answers only): applied before a
   * HEAD answer loses its body, so HEAD says what GET would send.
   */
  public Router compressing(Compression compression) {
    this.compression = compression;
    return this;
  }

  private void put(Route route) {
    routes.removeIf(r -> r.key().equals(route.key()));
    routes.add(route);
  }

  /**
   * A HEAD answer: the GET's status and headers (problems and 405s too), no body, and the length
   * the GET's body has (RFC 9110 §8.6: a HEAD answer's Content-Length, if any, is the GET's; a
   * transport that counts the empty body would say 0).
   */
  private static Response withoutBody(Response get) {
    Response head = new Response(get.status(), get.headers(), new byte[0]);
    return get.body().length == 0 ? head
        : head.withHeader("Content-Length", Integer.toString(get.body().length));
  }

  /** Route keys in API Gateway's form, {@code "GET /releases/{id}"}. */
  public List<String> routeKeys() {
    return routes.stream().map(Route::key).toList();
  }

  /** Where a request goes: a route with its path parameters, or the problem to answer. */
  public record Resolution(String routeKey, Map<String, String> params, Problem problem) {}

  public Resolution resolve(String method, String path) {
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Matcher m = route.pattern().matcher(path);
      if (!m.matches()) {
        continue;
      }
      if (!route.method().equals(method)) {
        allowed.add(route.method());
        continue;
      }
      Map<String, String> params = new java.util.HashMap<>();
      for (int i = 0; i < route.names().size(); i++) {
        params.put(route.names().get(i), m.group(i + 1));
      }
      return new Resolution(route.method() + " " + route.template(), Map.copyOf(params), null);
    }
    if (!allowed.isEmpty()) {
      return new Resolution(null, Map.of(), Problem.methodNotAllowed(String.join(", ", allowed)));
    }
    return new Resolution(null, Map.of(), Problem.notFound("There is nothing at this path."));
  }

  public Response handle(Request request) {
    return handle(request, CONSOLE);
  }

  /** The answer to {@code request}; trouble on the way is told to {@code trouble}, not the client. */
  public Response handle(Request request, Trouble trouble) {
    Response response = compression.answer(request, coded -> answer(coded, trouble));
    return request.method().equals("HEAD") ? withoutBody(response) : response;
  }

  private Response answer(Request request, Trouble trouble) {
    String routeKey = null;
    try {
      Resolution resolution = resolve(request.method(), request.path());
      if (resolution.problem() != null) {
        return resolution.problem().toResponse();
      }
      routeKey = resolution.routeKey();
      Route route = routes.stream()
          .filter(r -> r.key().equals(resolution.routeKey()))
          .findFirst().orElseThrow();
      return route.action().apply(request, resolution.params());
    } catch (Problem.ProblemException e) {
      return e.problem().toResponse();
    } catch (StoreUnavailableException e) {
      trouble.report(routeKey, 503, "store unavailable", e);
      return Problem.unavailable().toResponse();
    } catch (RuntimeException e) {
      // Logged for operators (CloudWatch / the console); the client learns nothing internal.
      trouble.report(routeKey, 500, "unexpected failure", e);
      return Problem.internal().toResponse();
    }
  }
}
