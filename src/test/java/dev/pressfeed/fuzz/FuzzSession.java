package dev.pressfeed.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressfeed.TestClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.SortKey;

/**
 * Fuzzed requests against one store, from empty, with the checks every answer must pass:
 * 2xx/3xx, or a 4xx RFC 9457 problem whose status is the HTTP status; never 5xx; no stack trace
 * or class name in any body; a refused write changes nothing (the editors' list of every
 * release, the public list, the Atom feed and the target release, fingerprinted before and
 * after); after every accepted write all three feeds and a tag- and a lang-filtered one parse;
 * a draft or scheduled write leaves the public validators as they were; bodies and charsets the
 * SPEC refuses are refused; HEAD answers as GET does, without a body.
 */
final class FuzzSession implements Probes.Desk {

  private final InProcessGateway gateway;
  private final ReleaseStore store;
  private final TestClock clock;
  private final Findings findings;
  private final List<String> ids = new ArrayList<>();
  private final Map<String, List<String>> etags = new HashMap<>();
  private final Map<String, JsonNode> releases = new HashMap<>();
  private final List<String> usedKeys = new ArrayList<>();
  private final java.util.Set<String> brokenFeeds = new java.util.HashSet<>();
  private String feedEtag;
  private String lastModified;
  private String cursor;
  long requests;
  long acceptedWrites;
  long refusedWrites;
  long feedReads;
  /** Where the time goes, in nanoseconds: the requests themselves, fingerprints, feed reads, HEAD's GET. */
  long sendNanos;
  long fingerprintNanos;
  long feedNanos;
  long headNanos;

  FuzzSession(InProcessGateway gateway, ReleaseStore store, TestClock clock, Findings findings) {
    this.gateway = gateway;
    this.store = store;
    this.clock = clock;
    this.findings = findings;
  }

  @Override public List<String> ids() { return ids; }
  @Override public String etag(String id) { List<String> e = etags.get(id); return e == null ? null : e.get(e.size() - 1); }
  @Override public String staleEtag(String id) { List<String> e = etags.get(id); return e == null || e.size() < 2 ? null : e.get(0); }
  @Override public String feedEtag() { return feedEtag; }
  @Override public String lastModified() { return lastModified; }
  @Override public List<String> usedKeys() { return usedKeys; }
  @Override public String cursor() { return cursor; }

  void run(Probes.Plan plan) {
    if (Math.floorMod(plan.pick(), 7) == 0) {
      clock.advance(Duration.ofSeconds(41)); // embargoes end while the session runs
    }
    Probe probe = plan.probe(this);
    String target = targetId(probe);
    long t0 = System.nanoTime();
    Fingerprint before = probe.isWrite() ? fingerprint(target) : null;
    String validatorsBefore = probe.method().equals("POST") || probe.method().equals("PUT") ? publicValidators() : null;
    long t1 = System.nanoTime();
    InProcessGateway.Exchange exchange = gateway.send(probe);
    long t2 = System.nanoTime();
    fingerprintNanos += t1 - t0;
    sendNanos += t2 - t1;
    requests++;
    Answer answer = exchange.answer();
    String what = probe.method() + " " + plan.target() + (probe.isWrite() && probe.body().length > 0 && !plan.body().mutations().isEmpty()
        ? " [" + plan.body().mutations().replaceAll("\\d+", "#") + "]" : "");
    check(probe, answer, what, "");
    if (exchange.unrouted() != null) {
      check(probe, exchange.unrouted(), what, "handler, unrouted: ");
    }
    if (probe.method().equals("HEAD")) {
      long h = System.nanoTime();
      compareHeadWithGet(probe, answer);
      headNanos += System.nanoTime() - h;
    }
    boolean accepted = answer.status() >= 200 && answer.status() < 300
        || exchange.unrouted() != null && exchange.unrouted().status() >= 200 && exchange.unrouted().status() < 300;
    if (probe.isWrite() && !accepted) {
      refusedWrites++;
      long f = System.nanoTime();
      Fingerprint after = fingerprint(target);
      fingerprintNanos += System.nanoTime() - f;
      if (!after.equals(before)) {
        findings.add("refused write changed state: " + what + " → " + answer.status(), probe, answer,
            before.differences(after));
      }
    } else if (probe.isWrite()) {
      acceptedWrites++;
      mustHaveRefused(plan, probe, answer);
      if (validatorsBefore != null) {
        hiddenWritesKeepValidators(probe, answer, validatorsBefore);
      }
      learnWrite(probe, answer);
      long f = System.nanoTime();
      readFeeds(probe);
      feedNanos += System.nanoTime() - f;
    } else if (answer.status() == 200) {
      learnRead(probe, answer);
    }
  }

  /** Status of each release as its last accepted write left it. */
  private final Map<String, String> statuses = new HashMap<>();
  /** When each release is or will be public ({@code publishedAt}) as its last accepted write left it. */
  private final Map<String, String> publishedAts = new HashMap<>();

  /** The public validators a poller sees: the Atom feed's and the public list's ETag and Last-Modified. */
  private String publicValidators() {
    Answer feed = gateway.get("/feed.atom", false);
    Answer list = gateway.get("/releases", false);
    return feed.header("etag") + " " + feed.header("last-modified") + " | " + list.header("etag") + " "
        + list.header("last-modified");
  }

  /**
   * SPEC §4: a draft, or a scheduled release before its time, leaves the public validators as
   * they were. Checked when a write neither starts nor ends with a public release.
   */
  private void hiddenWritesKeepValidators(Probe probe, Answer answer, String before) {
    String status;
    try {
      status = Readers.JSON.readTree(answer.body()).path("status").asText("");
    } catch (Exception e) {
      return;
    }
    String id = targetId(probe);
    String earlier = probe.method().equals("POST") ? "draft" : statuses.getOrDefault(id, "unknown");
    // A scheduled release whose time has come (the clock moves on during a session) is public:
    // a write that hides it again moves the validators, as it must.
    if (earlier.equals("scheduled") && isPast(publishedAts.get(id))) {
      earlier = "published (scheduled, its time passed)";
    }
    boolean hidden = (status.equals("draft") || status.equals("scheduled"))
        && (earlier.equals("draft") || earlier.equals("scheduled"));
    if (hidden) {
      String after = publicValidators();
      if (!after.equals(before)) {
        findings.add("a " + status + " " + probe.method() + " moved the public validators", probe, answer,
            before + " → " + after + "; the release was " + earlier + ", publishedAt " + publishedAts.get(id)
            + ", clock " + clock.instant());
      }
    }
  }

  private boolean isPast(String instant) {
    try {
      return instant != null && !java.time.Instant.parse(instant).isAfter(clock.instant());
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** Bodies and media types SPEC §3 says are refused: accepting one is a finding of its own. */
  private void mustHaveRefused(Probes.Plan plan, Probe probe, Answer answer) {
    if (!(probe.method().equals("POST") || probe.method().equals("PUT")) || answer.status() >= 300) {
      return;
    }
    String reason = plan.body() != null && probe.body().length > 0 ? Bodies.mustRefuse(plan.body()) : null;
    if (reason != null) {
      findings.add("accepted (" + answer.status() + ") although " + reason.replaceAll("\\d+", "#")
          .replaceAll("\\(\\w+\\)", "").replaceAll("in array \\w+", "in an array"), probe, answer, reason);
    }
    String charset = charset(plan.contentType());
    if (charset != null) {
      findings.add("accepted (" + answer.status() + ") a body declared charset=" + charset, probe, answer, null);
    }
  }

  /**
   * A declared charset other than UTF-8, or null (docs/reference.md: any other charset is 415,
   * US-ASCII too). Two charset parameters are ambiguous and not judged here.
   */
  static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    var m = java.util.regex.Pattern.compile("(?i)charset=\"?([^\";\\s]+)").matcher(contentType);
    if (!m.find()) {
      return null;
    }
    String label = m.group(1);
    return label.equalsIgnoreCase("utf-8") || m.find() ? null : label;
  }

  private void check(Probe probe, Answer answer, String what, String where) {
    int status = answer.status();
    if (status >= 500 || status < 200) {
      findings.add(where + status + " on " + what + problemTitle(answer), probe, answer, null);
    } else if (status >= 400 && !probe.method().equals("HEAD")) {
      String reason = Readers.problem(answer);
      if (reason != null) {
        findings.add(where + reason.replaceAll("\\d{3,}", "#") + " on " + probe.method() + " " + status, probe, answer, reason);
      }
    }
    if ((status == 204 || status == 304) && answer.body().length > 0) {
      findings.add(where + status + " with a body", probe, answer, null);
    }
    String internals = Readers.internals(answer.body());
    if (internals != null) {
      findings.add(where + "internal name in a " + status + " body on " + probe.method(), probe, answer, internals);
    }
    // Links come from PUBLIC_BASE_URL or the gateway's own domain, never from a client's Host
    // or X-Forwarded-Host (the probes send evil.example in both).
    String links = answer.header("location") + " " + answer.header("link") + " " + answer.header("content-location");
    if (links.contains("evil.example") || new String(answer.body(), StandardCharsets.UTF_8).contains("//evil.example")) {
      findings.add(where + "a client's Host header in a link", probe, answer, links);
    }
  }

  private static String problemTitle(Answer answer) {
    try {
      return " (" + Readers.JSON.readTree(answer.body()).path("title").asText() + ")";
    } catch (Exception e) {
      return "";
    }
  }

  private void compareHeadWithGet(Probe probe, Answer head) {
    Answer get = gateway.send(probe.withMethod("GET")).answer();
    List<String> differences = new ArrayList<>();
    if (head.status() != get.status()) {
      differences.add("status " + head.status() + " vs GET " + get.status());
    }
    for (String name : List.of("content-type", "etag", "last-modified", "cache-control", "location", "link")) {
      if (!Objects.equals(head.header(name), get.header(name))) {
        differences.add(name + " " + head.header(name) + " vs GET " + get.header(name));
      }
    }
    if (head.body().length > 0) {
      differences.add("HEAD has a body of " + head.body().length + " bytes");
    }
    if (!differences.isEmpty()) {
      findings.add("HEAD unlike GET: HEAD " + head.status() + ", GET " + get.status(), probe, head,
          String.join("; ", differences));
    }
  }

  private static String targetId(Probe probe) {
    String path = probe.rawPath();
    for (String prefix : List.of("/editor/releases/", "/releases/")) {
      if (path.startsWith(prefix) && path.length() > prefix.length()) {
        return path.substring(prefix.length());
      }
    }
    return null;
  }

  /**
   * What a refused write must leave as it was, read from the store itself (cheaper than
   * rendering lists, and exact): every release's id, version and status, the feed state
   * (revision, change time, embargoes) and the target release as stored.
   */
  record Fingerprint(String releases, FeedState feed, String target) {
    String differences(Fingerprint other) {
      List<String> d = new ArrayList<>();
      if (!releases.equals(other.releases)) d.add("releases " + releases + " → " + other.releases);
      if (!feed.equals(other.feed)) d.add("feed state " + feed + " → " + other.feed);
      if (!target.equals(other.target)) d.add("target " + target + " → " + other.target);
      return String.join("; ", d);
    }
  }

  private Fingerprint fingerprint(String id) {
    StringBuilder all = new StringBuilder();
    Optional<SortKey> after = Optional.empty();
    do {
      Page page = store.forEditors(EditorView.ALL, after, 100, clock.instant());
      for (Release r : page.items()) {
        all.append(r.id()).append('@').append(r.version()).append(r.state()).append(' ');
      }
      after = page.next();
    } while (after.isPresent());
    String target = "-";
    // Only an id a release can have names one; the list above covers every other target.
    if (id != null && id.matches("[a-z0-9-]{1,200}")) {
      target = store.find(id).map(r -> r.version() + " " + r.state() + " " + r.input().hashCode()).orElse("none");
    }
    return new Fingerprint(all.toString(), store.feedState(), target);
  }

  private void learnWrite(Probe probe, Answer answer) {
    JsonNode json = null;
    try {
      json = answer.body().length == 0 ? null : Readers.JSON.readTree(answer.body());
    } catch (Exception e) {
      findings.add("accepted " + probe.method() + " answered with a body that is not JSON", probe, answer, e.getMessage());
    }
    String id = json != null && json.path("id").isTextual() ? json.path("id").asText() : targetId(probe);
    if (id == null) {
      return;
    }
    if (!ids.contains(id)) {
      ids.add(id);
    }
    if (answer.header("etag") != null) {
      etags.computeIfAbsent(id, k -> new ArrayList<>()).add(answer.header("etag"));
    }
    if (json != null && json.isObject()) {
      releases.put(id, json);
      statuses.put(id, json.path("status").asText(""));
      publishedAts.put(id, json.path("publishedAt").isTextual() ? json.path("publishedAt").asText() : null);
    }
    probe.headers().stream().filter(h -> h.getKey().equalsIgnoreCase("idempotency-key")).findFirst()
        .ifPresent(h -> usedKeys.add(h.getValue()));
  }

  private void learnRead(Probe probe, Answer answer) {
    if (probe.rawPath().startsWith("/feed.") && answer.header("etag") != null) {
      feedEtag = answer.header("etag");
      lastModified = answer.header("last-modified");
    }
    if (answer.header("last-modified") != null && lastModified == null) {
      lastModified = answer.header("last-modified");
    }
    String type = answer.header("content-type");
    if (type != null && type.startsWith("application/json")) {
      try {
        JsonNode json = Readers.JSON.readTree(answer.body());
        if (json.path("next").isTextual()) {
          cursor = json.path("next").asText();
        }
      } catch (Exception e) {
        findings.add("a 200 application/json answer that is not JSON", probe, answer, e.getMessage());
      }
    }
  }

  private static final String[] FEEDS = {"/feed.rss", "/feed.atom", "/feed.json"};

  /** Every feed, and one filtered by the written release's first tag and one by its language. */
  private void readFeeds(Probe write) {
    List<String> paths = new ArrayList<>(List.of(FEEDS));
    String id = targetId(write);
    JsonNode release = releases.get(id == null && !ids.isEmpty() ? ids.get(ids.size() - 1) : id);
    if (release != null) {
      String format = FEEDS[(int) (acceptedWrites % 3)];
      if (release.path("tags").isArray() && release.path("tags").size() > 0) {
        paths.add(format + "?tag=" + URLEncoder.encode(release.path("tags").get(0).asText(), StandardCharsets.UTF_8));
      }
      if (release.path("language").isTextual()) {
        paths.add(FEEDS[(int) ((acceptedWrites + 1) % 3)] + "?lang="
            + URLEncoder.encode(release.path("language").asText(), StandardCharsets.UTF_8));
      }
    }
    for (String path : paths) {
      Answer feed = gateway.get(path, false);
      feedReads++;
      String reason = Readers.feed(path, feed);
      String which = path.replaceAll("\\?(tag|lang)=.*", "?$1=…");
      // The first write after which a feed fails is its cause; later failures of that feed in
      // this session follow from it and are not findings of their own.
      if (reason != null && brokenFeeds.add(which)) {
        findings.add("after an accepted write, " + which.replaceAll("\\.(rss|atom|json)", ".$1") + ": "
            + reason.replaceAll("(?s)[:;].*", ""), write, feed, reason);
      }
      String internals = Readers.internals(feed.body());
      if (internals != null) {
        findings.add("internal name in " + path, write, feed, internals);
      }
    }
  }
}
