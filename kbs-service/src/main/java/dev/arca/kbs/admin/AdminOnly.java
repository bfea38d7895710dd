package dev.arca.kbs.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method as an admin endpoint: {@link AdminInterceptor} authorises the caller before the method runs,
 * and the method reads the caller from {@link AdminRequests#identity}. Everything under {@code /kbs/v0/admin/} is an
 * admin endpoint whether annotated or not.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AdminOnly {
}
