package dev.arca.rvps.reader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read endpoint (used by the Attestation Service): open when {@code arca.rvps.read-auth=none}, otherwise only
 * for a valid reader (or admin) token.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadAccess {
}
