package dev.arca.model.admin;

/** Who an admin token says the caller is. */
public record AdminIdentity(String subject, String role) {
}
