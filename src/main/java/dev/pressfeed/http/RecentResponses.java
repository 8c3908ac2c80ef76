package dev.pressfeed.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last representations a container rendered, by strong ETag. A feed's or list's ETag is
 * made from everything its body depends on (format, URL, filters, page, configuration, public
 * edition, last modification), so a body stored under it is exactly what rendering again
 * would give: a reader that polls without validators costs one small read, not a query and a
 * render. Bounded by entries and bytes; least recently used first out.
 */
public final class RecentResponses {

  private final int maxEntries;
  private final long maxBytes;
  private long bytes;
  private final LinkedHashMap<String, Response> entries = new LinkedHashMap<>(16, 0.75f, true);

  public RecentResponses(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /** The response stored under {@code etag}, or a new one from {@code render}, then stored. */
  public Response get(String etag, Supplier<Response> render) {
    synchronized (this) {
      Response cached = entries.get(etag);
      if (cached != null) {
        return cached;
      }
    }
    Response rendered = render.get(); // outside the lock: renders run in parallel
    if (rendered.status() == 200 && rendered.body().length <= maxBytes / 4) {
      synchronized (this) {
        Response previous = entries.put(etag, rendered);
        bytes += rendered.body().length - (previous == null ? 0 : previous.body().length);
        var oldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && oldest.hasNext()) {
          Map.Entry<String, Response> evicted = oldest.next();
          bytes -= evicted.getValue().body().length;
          oldest.remove();
        }
      }
    }
    return rendered;
  }
}
