package dev.arca.kbs.web;

import dev.arca.model.json.Json;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * JSON answers serialised with the shared wire mapper (the one the common-model records are annotated for), with a
 * preset content type so content negotiation cannot change the bytes upstream guests parse.
 */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static ResponseEntity<byte[]> ok(Object body) {
        return ok(body, new HttpHeaders());
    }

    public static ResponseEntity<byte[]> ok(Object body, HttpHeaders headers) {
        return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(Json.writeBytes(body));
    }
}
