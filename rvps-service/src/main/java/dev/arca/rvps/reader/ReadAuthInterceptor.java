package dev.arca.rvps.reader;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Guards {@link ReadAccess} handler methods; refusals are exceptions rendered as problem details. */
class ReadAuthInterceptor implements HandlerInterceptor {

    private final ReadAuthorizer authorizer;

    ReadAuthInterceptor(ReadAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(ReadAccess.class)) {
            authorizer.authorize(request.getHeader(HttpHeaders.AUTHORIZATION));
        }
        return true;
    }
}
