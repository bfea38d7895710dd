package dev.arca.rvps.referencevalue;

import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.rvps.ReferenceValue;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.rvps.admin.AdminAuthInterceptor;
import dev.arca.rvps.admin.AdminOnly;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RVPS REST API (docs/architecture.md "rvps-service"). Names may contain {@code /} (CoRIM names such as
 * {@code ACME/RoadRunner/…/digests}, {@code rvps:///…} ids), so the name is the whole rest of the path, sent raw or
 * with {@code %2F}.
 */
@RestController
@RequestMapping(path = "/reference-values", produces = MediaType.APPLICATION_JSON_VALUE)
class ReferenceValueController {

    private static final Logger log = LoggerFactory.getLogger(ReferenceValueController.class);

    private final ReferenceValueService service;

    ReferenceValueController(ReferenceValueService service) {
        this.service = service;
    }

    @AdminOnly
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    RegistrationResult register(@RequestBody RvpsMessage message,
                                @RequestAttribute(AdminAuthInterceptor.IDENTITY_ATTRIBUTE) AdminIdentity admin) {
        List<String> names = service.register(message);
        log.info("admin {} registered {} reference value(s) of type {}: {}",
                admin.subject(), names.size(), message.type(), names);
        return new RegistrationResult(names);
    }

    @GetMapping("/{*name}")
    ReferenceValue get(@PathVariable String name) {
        return service.get(withoutLeadingSlash(name));
    }

    @GetMapping
    List<ReferenceValue> list(@RequestParam(defaultValue = "") String prefix) {
        return service.list(prefix);
    }

    @AdminOnly
    @DeleteMapping("/{*name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String name,
                @RequestAttribute(AdminAuthInterceptor.IDENTITY_ATTRIBUTE) AdminIdentity admin) {
        String referenceValue = withoutLeadingSlash(name);
        service.delete(referenceValue);
        log.info("admin {} deleted reference value {}", admin.subject(), referenceValue);
    }

    /** A {@code {*name}} capture starts with the slash that separates it from the collection path. */
    private static String withoutLeadingSlash(String capture) {
        return capture.startsWith("/") ? capture.substring(1) : capture;
    }
}
