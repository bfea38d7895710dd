package dev.arca.kbs.policy;

import dev.arca.kbs.admin.AdminAuthorizer;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.web.JsonResponses;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API of the resource policy: {@code {"policy": base64url(CEL text)}} in, the same plus its id out. */
@RestController
public class ResourcePolicyController {

    private static final Logger log = LoggerFactory.getLogger(ResourcePolicyController.class);
    static final String PATH = "/kbs/v0/resource-policy";

    /** Upload body (specs/kbs.md §5.2). */
    record PolicyUpload(String policy) {
    }

    /** What GET answers: the policy in force and its id. */
    record PolicyView(String policy, String id) {
    }

    private final AdminAuthorizer admin;
    private final ResourcePolicyService policies;
    private final long maxBody;

    public ResourcePolicyController(AdminAuthorizer admin, ResourcePolicyService policies, KbsProperties properties) {
        this.admin = admin;
        this.policies = policies;
        this.maxBody = properties.maxRequestBody().toBytes();
    }

    @PostMapping(PATH)
    public ResponseEntity<Void> set(HttpServletRequest request) {
        AdminIdentity identity = admin.authorize(request);
        PolicyUpload upload = RequestBodies.json(RequestBodies.read(request, maxBody), PolicyUpload.class,
                "resource policy");
        if (upload.policy() == null) {
            throw new KbsException(KbsErrorType.ParsePolicyError,
                    "Failed to parse policy: member 'policy' is required");
        }
        policies.set(decode(upload.policy()));
        log.info("admin {} set the resource policy", identity.subject());
        return ResponseEntity.ok().build();
    }

    @GetMapping(PATH)
    public ResponseEntity<byte[]> get(HttpServletRequest request) {
        admin.authorize(request);
        ResourcePolicyService.Current current = policies.current();
        return JsonResponses.ok(new PolicyView(Base64s.url(current.text().getBytes(StandardCharsets.UTF_8)),
                current.id()));
    }

    /** base64url, without padding as upstream sends it, padding tolerated (specs/kbs.md §10 item 13); UTF-8 text. */
    private static String decode(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new KbsException(KbsErrorType.ParsePolicyError, "Failed to parse policy: policy is not base64url");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new KbsException(KbsErrorType.ParsePolicyError, "Failed to parse policy: policy is not UTF-8 text");
        }
    }
}
