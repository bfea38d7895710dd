package dev.arca.service.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;

/**
 * The multipart resolver of services that take no multipart bodies: it never treats a request as multipart, so the
 * dispatcher never parses one (a malformed body cannot fail there) and the handler refuses the media type itself.
 */
public final class NoMultipartBodies implements MultipartResolver {

    @Override
    public boolean isMultipart(HttpServletRequest request) {
        return false;
    }

    @Override
    public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) {
        throw new IllegalStateException("multipart bodies are not accepted");
    }

    @Override
    public void cleanupMultipart(MultipartHttpServletRequest request) {
        // nothing was resolved
    }
}
