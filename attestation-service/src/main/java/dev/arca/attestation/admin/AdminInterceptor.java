package dev.arca.attestation.admin;

import dev.arca.model.admin.AdminIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Runs {@link AdminAuthorizer} for handlers marked {@link AdminOnly}, before their arguments are read. */
@Component
public class AdminInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AdminInterceptor.class);

    private final AdminAuthorizer authorizer;

    public AdminInterceptor(AdminAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(AdminOnly.class)) {
            AdminIdentity admin = authorizer.authorize(request.getHeader(HttpHeaders.AUTHORIZATION));
            log.info("admin '{}' calls {} {}", admin.subject(), request.getMethod(), request.getRequestURI());
        }
        return true;
    }
}
