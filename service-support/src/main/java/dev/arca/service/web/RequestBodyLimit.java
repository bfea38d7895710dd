package dev.arca.service.web;

/**
 * The largest request body a service accepts; a service that declares this bean gets the {@link RequestSizeLimit}
 * filter in front of everything else.
 */
public record RequestBodyLimit(long bytes) {
}
