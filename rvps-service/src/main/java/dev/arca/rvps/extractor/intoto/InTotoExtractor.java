package dev.arca.rvps.extractor.intoto;

import dev.arca.model.rvps.ReferenceValue;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.rvps.extractor.Expirations;
import dev.arca.rvps.extractor.Extraction;
import dev.arca.rvps.extractor.Extractor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code in-toto} extractor (in-toto specification v0.9). Upstream's extractor (removed 2026-05) verified a chain
 * but returned no values (Trustee rvps/README.md); this one verifies the chain ({@link InTotoVerifier}) and turns the
 * steps' products into reference values: name = {@code arca.rvps.in-toto.name-prefix} + artifact path, value = the
 * product's digests as {@code ["<algorithm>:<hex>", …]} (sorted by algorithm). They expire twelve months after
 * registration, or when the layout expires if that is sooner. The layout key is recorded as the signer.
 */
@Component
public class InTotoExtractor implements Extractor {

    public static final String TYPE = "in-toto";

    private static final Logger log = LoggerFactory.getLogger(InTotoExtractor.class);

    private final InTotoVerifier verifier;
    private final String namePrefix;
    private final Clock clock;

    public InTotoExtractor(InTotoProperties properties, Clock clock) {
        List<InTotoKey> keys = TrustedLayoutKeys.read(properties.trustedLayoutKeys());
        if (keys.isEmpty()) {
            log.warn("No trusted in-toto layout key configured (arca.rvps.in-toto.trusted-layout-keys):"
                    + " every in-toto message will be refused");
        } else {
            log.info("in-toto layouts accepted when signed by {}", keys.stream().map(InTotoKey::keyId).toList());
        }
        this.verifier = new InTotoVerifier(keys, properties.ignoreInspections(), clock);
        this.namePrefix = properties.namePrefix();
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Extraction extract(String payload) {
        VerifiedSupplyChain chain = verifier.verify(InTotoPayload.parse(payload));
        Instant twelveMonths = Expirations.twelveMonthsAfter(clock.instant());
        Instant layoutExpiry = chain.layoutExpires().truncatedTo(ChronoUnit.SECONDS);
        Instant expiration = layoutExpiry.isBefore(twelveMonths) ? layoutExpiry : twelveMonths;
        List<ReferenceValue> values = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> product : chain.products().entrySet()) {
            ArrayNode digests = JsonNodeFactory.instance.arrayNode();
            new TreeMap<>(product.getValue()).forEach((algorithm, hex) -> digests.add(algorithm + ":" + hex));
            values.add(new ReferenceValue(RvpsMessage.VERSION, namePrefix + product.getKey(), expiration, digests));
        }
        return new Extraction(values, chain.layoutKey().keyId());
    }
}
