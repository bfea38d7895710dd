package dev.arca.agent.api;

/** A request the API answers with a problem detail: the status and a detail the caller can act on. */
final class ApiException extends Exception {

    private final int status;
    private final String title;

    ApiException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }
}
