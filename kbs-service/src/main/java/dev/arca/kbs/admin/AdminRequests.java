package dev.arca.kbs.admin;

import dev.arca.model.admin.AdminIdentity;
import jakarta.servlet.http.HttpServletRequest;

/** The admin identity {@link AdminInterceptor} attached to an authorised request. */
public final class AdminRequests {

    static final String ATTRIBUTE = AdminRequests.class.getName() + ".identity";
    /** Admin endpoints outside the upstream paths live here and are always admin-only. */
    public static final String ADMIN_PREFIX = "/kbs/v0/admin/";

    private AdminRequests() {
    }

    /**
     * The authorised caller. Fails (a 500, never an open door) if the request did not pass the interceptor, i.e. an
     * admin handler lacks {@link AdminOnly}.
     */
    public static AdminIdentity identity(HttpServletRequest request) {
        Object identity = request.getAttribute(ATTRIBUTE);
        if (!(identity instanceof AdminIdentity admin)) {
            throw new IllegalStateException("admin handler reached without authorisation: " + request.getRequestURI());
        }
        return admin;
    }

    static void attach(HttpServletRequest request, AdminIdentity identity) {
        request.setAttribute(ATTRIBUTE, identity);
    }
}
