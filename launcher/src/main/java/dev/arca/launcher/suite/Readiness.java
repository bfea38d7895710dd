package dev.arca.launcher.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a service's readiness endpoint ({@code /actuator/health/readiness}) answers right now. */
public record Readiness(State state, int httpStatus) {

    public enum State { READY, NOT_READY, NOT_ANSWERING }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public static Readiness probe(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Readiness(status == 200 ? State.READY : State.NOT_READY, status);
        } catch (IOException notListening) {
            return new Readiness(State.NOT_ANSWERING, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Readiness(State.NOT_ANSWERING, 0);
        }
    }

    public boolean ready() {
        return state == State.READY;
    }

    public String describe() {
        return switch (state) {
            case READY -> "ready";
            case NOT_READY -> "not ready (readiness answers HTTP " + httpStatus + ")";
            case NOT_ANSWERING -> "not answering";
        };
    }
}
