package dev.arca.rvps.referencevalue;

import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.service.security.ServiceSecurity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RVPS REST API (docs/architecture.md "rvps-service", docs/rvps.md). Names may contain {@code /} (CoRIM names such
 * as {@code ACME/RoadRunner/…/digests}, {@code rvps:///…} ids), so the name is the whole rest of the path, sent raw or
 * with {@code %2F}.
 */
@RestController
@RequestMapping(path = "/reference-values", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "reference values", description = "register provenance, read and delete reference values")
@ApiResponse(responseCode = "400", description = "malformed request or refused payload, with the reason",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemDetail.class)))
class ReferenceValueController {

    private static final Logger log = LoggerFactory.getLogger(ReferenceValueController.class);

    private final ReferenceValueService service;
    private final ServiceSecurity security;

    ReferenceValueController(ReferenceValueService service, ServiceSecurity security) {
        this.service = service;
        this.security = security;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a provenance message",
            description = "The extractor named by type turns the payload into reference values; all are stored or"
                    + " none. Types: sample, in-toto, swid, corim (payload formats in docs/rvps.md).",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "201", description = "the names registered, in payload order")
    @ApiResponse(responseCode = "401", description = "no valid admin token",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "admin API disabled or token role not admin",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "a concurrent registration stored one of the names first; nothing stored",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "body larger than arca.rvps.max-request-size",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    RegistrationResult register(@RequestBody RvpsMessage message) {
        AdminIdentity admin = security.adminCaller();
        List<String> names = service.register(message);
        log.info("admin {} registered {} reference value(s) of type {}: {}",
                admin.subject(), names.size(), message.type(), names);
        return new RegistrationResult(names);
    }

    @GetMapping("/{*name}")
    @Operation(summary = "Read one unexpired reference value",
            description = "Needs the AS's caller token, or an admin token with role admin or reader.",
            security = @SecurityRequirement(name = "bearer"),
            parameters = @Parameter(name = "name", in = ParameterIn.PATH, required = true,
                    description = "the reference value's name; may contain /",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200", description = "the value")
    @ApiResponse(responseCode = "401", description = "no caller or reader token",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "the token's role may not read",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "absent or expired",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    StoredReferenceValue get(@PathVariable @Parameter(hidden = true) String name,
                             @RequestParam(defaultValue = "false")
                             @Parameter(description = "also return the registration's provenance")
                             boolean provenance) {
        String referenceValue = withoutLeadingSlash(name);
        return provenance
                ? service.getWithProvenance(referenceValue)
                : StoredReferenceValue.of(service.get(referenceValue));
    }

    @GetMapping
    @Operation(summary = "List unexpired reference values by name prefix",
            description = "Needs the AS's caller token, or an admin token with role admin or reader.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "the values, by name")
    @ApiResponse(responseCode = "401", description = "no caller or reader token",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "the token's role may not read",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    List<StoredReferenceValue> list(@RequestParam(defaultValue = "") String prefix,
                                    @RequestParam(defaultValue = "false")
                                    @Parameter(description = "also return each registration's provenance")
                                    boolean provenance) {
        return provenance
                ? service.listWithProvenance(prefix)
                : service.list(prefix).stream().map(StoredReferenceValue::of).toList();
    }

    @DeleteMapping("/{*name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a reference value (expired or not)",
            security = @SecurityRequirement(name = "bearer"),
            parameters = @Parameter(name = "name", in = ParameterIn.PATH, required = true,
                    description = "the reference value's name; may contain /",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "401", description = "no valid admin token",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "admin API disabled or token role not admin",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such value",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    void delete(@PathVariable @Parameter(hidden = true) String name) {
        AdminIdentity admin = security.adminCaller();
        String referenceValue = withoutLeadingSlash(name);
        service.delete(referenceValue);
        log.info("admin {} deleted reference value {}", admin.subject(), referenceValue);
    }

    /** A {@code {*name}} capture starts with the slash that separates it from the collection path. */
    private static String withoutLeadingSlash(String capture) {
        return capture.startsWith("/") ? capture.substring(1) : capture;
    }
}
