package dev.arca.rvps;

/** Bad input from the caller (answered 400). The message says what was wrong and is safe to return. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
