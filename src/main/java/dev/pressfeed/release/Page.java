package dev.pressfeed.release;

import java.util.List;
import java.util.Optional;

/** One page of a newest-first list and where the next page starts, if there is one. */
public record Page(List<Release> items, Optional<SortKey> next) {
  public Page {
    items = List.copyOf(items);
  }
}
