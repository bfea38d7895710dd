package dev.arca.rvps.web;

/** A request body over {@code arca.rvps.max-request-size} (answered 413). */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long maxBytes) {
        super("request body is larger than the limit of " + maxBytes + " bytes");
    }
}
