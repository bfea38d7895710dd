package dev.arca.rvps.referencevalue;

import dev.arca.model.rvps.ReferenceValue;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.extractor.Extractor;
import dev.arca.rvps.extractor.ExtractorRegistry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Registration (message → extractor → store) and the queries, with expiry judged by the injected clock. */
@Service
public class ReferenceValueService {

    private final ExtractorRegistry extractors;
    private final ReferenceValueStore store;
    private final Clock clock;

    public ReferenceValueService(ExtractorRegistry extractors, ReferenceValueStore store, Clock clock) {
        this.extractors = extractors;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Checks the message (specs/as-rvps.md §7.2), extracts its values and stores them all or none.
     *
     * @return the names registered, in payload order
     */
    public List<String> register(RvpsMessage message) {
        String version = message.version() == null ? RvpsMessage.VERSION : message.version();
        if (!RvpsMessage.VERSION.equals(version)) {
            throw new InvalidRequestException(
                    "unsupported message version \"" + version + "\", supported: " + RvpsMessage.VERSION);
        }
        if (message.type() == null || message.type().isBlank()) {
            throw new InvalidRequestException("type is required: the name of the extractor, one of "
                    + extractors.types());
        }
        if (message.payload() == null) {
            throw new InvalidRequestException("payload is required");
        }
        Extractor extractor = extractors.find(message.type()).orElseThrow(() -> new InvalidRequestException(
                "no extractor for type " + message.type() + ", supported: " + extractors.types()));

        List<ReferenceValue> values = extractor.extract(message.payload());
        Set<String> seen = new HashSet<>();
        for (ReferenceValue value : values) {
            ReferenceValueNames.requireValid(value.name());
            if (!seen.add(value.name())) {
                throw new InvalidRequestException("the message names \"" + value.name() + "\" twice");
            }
        }
        Provenance provenance = new Provenance(message.type(), extractor.getClass().getSimpleName(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        store.registerAll(values, provenance);
        return values.stream().map(ReferenceValue::name).toList();
    }

    public ReferenceValue get(String name) {
        ReferenceValueNames.requireValid(name);
        return store.find(name, clock.instant()).orElseThrow(() -> new ReferenceValueNotFoundException(name));
    }

    public List<ReferenceValue> list(String prefix) {
        ReferenceValueNames.requireValidPrefix(prefix);
        return store.list(prefix, clock.instant());
    }

    public void delete(String name) {
        ReferenceValueNames.requireValid(name);
        if (!store.delete(name)) {
            throw new ReferenceValueNotFoundException(name);
        }
    }
}
