package dev.pressfeed.release;

/** One failed field of a request, named by its JSON path ({@code contacts[0].email}). */
public record FieldError(String field, String message) {}
