package dev.arca.kbs.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authorises every admin endpoint before its handler runs — before the body is read and before anything touches
 * storage: handler methods marked {@link AdminOnly}, and every handler under {@code /kbs/v0/admin/}.
 */
@Component
public class AdminInterceptor implements HandlerInterceptor {

    private final AdminAuthorizer authorizer;

    public AdminInterceptor(AdminAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && (method.hasMethodAnnotation(AdminOnly.class)
                || request.getRequestURI().startsWith(AdminRequests.ADMIN_PREFIX))) {
            AdminRequests.attach(request, authorizer.authorize(request));
        }
        return true;
    }
}
