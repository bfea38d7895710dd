package dev.arca.rvps.admin;

/** An admin call that is authenticated but not allowed, or an admin API that is switched off (answered 403). */
public class AdminForbiddenException extends RuntimeException {

    public AdminForbiddenException(String message) {
        super(message);
    }
}
