package dev.arca.rvps.reader;

/** A read with a valid token whose role may not read (answered 403). */
public class ReaderForbiddenException extends RuntimeException {

    public ReaderForbiddenException(String message) {
        super(message);
    }
}
