package dev.pressfeed.page;

/**
 * The 404 page (the same bytes for unknown, draft and embargoed ids) and the 410 page of a
 * withdrawn release (that it was withdrawn and when, none of its content).
 */
public record ErrorView(Head head, Words words, String siteName, String homeUrl, String heading,
    String text) {}
