package dev.arca.attestation.web;

import java.io.IOException;

/** Raised while reading a body that turns out longer than the limit (no or a lying Content-Length). */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
