package dev.arca.rvps.reader;

/** A read without a valid reader token while {@code arca.rvps.read-auth=bearer} (answered 401). */
public class ReaderUnauthenticatedException extends RuntimeException {

    public ReaderUnauthenticatedException(String message) {
        super(message);
    }
}
