package dev.arca.rvps.admin;

import dev.arca.model.admin.AdminIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@link AdminOnly} handler methods. It runs before the request body is read, so an unauthenticated caller
 * learns nothing about the validity of its body. Refusals are exceptions, rendered as problem details by the
 * controller advice.
 */
public class AdminAuthInterceptor implements HandlerInterceptor {

    /** Request attribute holding the {@link AdminIdentity} of an authorised admin call. */
    public static final String IDENTITY_ATTRIBUTE = "dev.arca.rvps.admin.identity";

    private final AdminAuthorizer authorizer;

    public AdminAuthInterceptor(AdminAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(AdminOnly.class)) {
            AdminIdentity identity = authorizer.authorize(request.getHeader(HttpHeaders.AUTHORIZATION));
            request.setAttribute(IDENTITY_ATTRIBUTE, identity);
        }
        return true;
    }
}
