package dev.arca.attestation.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that needs an admin JWT. {@link AdminInterceptor} checks it before the body is read, so an
 * unauthenticated caller learns nothing about what the body should look like.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AdminOnly {
}
