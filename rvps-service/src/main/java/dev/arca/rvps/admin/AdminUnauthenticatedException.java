package dev.arca.rvps.admin;

/** An admin call without a valid admin token (answered 401). */
public class AdminUnauthenticatedException extends RuntimeException {

    public AdminUnauthenticatedException(String message) {
        super(message);
    }
}
