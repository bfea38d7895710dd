package dev.arca.rvps.extractor;

import dev.arca.service.problem.BodyErrors;
import dev.arca.model.json.Json;
import dev.arca.model.rvps.ReferenceValue;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.rvps.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code sample} extractor (Trustee rvps/README.md): the payload is the standard base64 of a JSON object whose
 * members are reference values, name → any JSON value, taken verbatim. No signature is checked, as upstream. Each
 * value expires 12 months after registration, at seconds precision.
 */
@Component
public class SampleExtractor implements Extractor {

    public static final String TYPE = "sample";

    /**
     * Duplicate names are rejected rather than silently resolved (which of two values an admin meant cannot be
     * guessed); decimals keep their digits so values are stored verbatim.
     */
    private static final JsonMapper PAYLOAD_MAPPER = Json.MAPPER.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Clock clock;

    public SampleExtractor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Extraction extract(String payload) {
        byte[] json = StandardBase64.decode("sample payload", payload);
        JsonNode root;
        try {
            root = PAYLOAD_MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidRequestException("sample payload is not valid JSON: " + BodyErrors.describe(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidRequestException("sample payload is empty; expected a JSON object of name → value");
        }
        if (!root.isObject()) {
            throw new InvalidRequestException("sample payload must be a JSON object of name → value, got a "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        Instant expiration = Expirations.twelveMonthsAfter(clock.instant());
        List<ReferenceValue> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            values.add(new ReferenceValue(RvpsMessage.VERSION, member.getKey(), expiration, member.getValue()));
        }
        return Extraction.unsigned(values);
    }
}
