package dev.arca.rvps.referencevalue;

import dev.arca.model.rvps.ReferenceValue;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.extractor.Extraction;
import dev.arca.rvps.extractor.Extractor;
import dev.arca.rvps.extractor.ExtractorRegistry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Registration (message → extractor → store) and the queries, with expiry judged by the injected clock. The REST
 * controller and the gRPC service both go through here, so both apply the same checks and count in the same meters.
 */
@Service
public class ReferenceValueService {

    private final ExtractorRegistry extractors;
    private final ReferenceValueStore store;
    private final ReferenceValueMetrics metrics;
    private final Clock clock;

    public ReferenceValueService(ExtractorRegistry extractors, ReferenceValueStore store,
                                 ReferenceValueMetrics metrics, Clock clock) {
        this.extractors = extractors;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Checks the message (Trustee rvps/README.md), extracts its values and stores them all or none.
     *
     * @return the names registered, in payload order
     */
    public List<String> register(RvpsMessage message) {
        Set<String> knownTypes = Set.copyOf(extractors.types());
        try {
            List<String> names = extractAndStore(message);
            metrics.registration(message.type(), knownTypes, ReferenceValueMetrics.REGISTERED);
            return names;
        } catch (InvalidRequestException e) {
            metrics.registration(message.type(), knownTypes, ReferenceValueMetrics.REFUSED);
            throw e;
        } catch (RuntimeException e) {
            metrics.registration(message.type(), knownTypes, ReferenceValueMetrics.FAILED);
            throw e;
        }
    }

    private List<String> extractAndStore(RvpsMessage message) {
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

        Extraction extraction = extractor.extract(message.payload());
        Set<String> seen = new HashSet<>();
        for (ReferenceValue value : extraction.values()) {
            ReferenceValueNames.requireValid(value.name());
            if (!seen.add(value.name())) {
                throw new InvalidRequestException("the message names \"" + value.name() + "\" twice");
            }
        }
        Provenance provenance = new Provenance(message.type(), extractor.getClass().getSimpleName(),
                extraction.signerKeyId(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
        store.registerAll(extraction.values(), provenance);
        return extraction.values().stream().map(ReferenceValue::name).toList();
    }

    /** The unexpired value of that name, if any; counted as a query hit or miss. */
    public Optional<ReferenceValue> find(String name) {
        ReferenceValueNames.requireValid(name);
        Optional<ReferenceValue> value = store.find(name, clock.instant());
        metrics.query(value.isPresent());
        return value;
    }

    public ReferenceValue get(String name) {
        return find(name).orElseThrow(() -> new ReferenceValueNotFoundException(name));
    }

    public StoredReferenceValue getWithProvenance(String name) {
        ReferenceValueNames.requireValid(name);
        Optional<StoredReferenceValue> value = store.findWithProvenance(name, clock.instant());
        metrics.query(value.isPresent());
        return value.orElseThrow(() -> new ReferenceValueNotFoundException(name));
    }

    public List<ReferenceValue> list(String prefix) {
        ReferenceValueNames.requireValidPrefix(prefix);
        return store.list(prefix, clock.instant());
    }

    public List<StoredReferenceValue> listWithProvenance(String prefix) {
        ReferenceValueNames.requireValidPrefix(prefix);
        return store.listWithProvenance(prefix, clock.instant());
    }

    public void delete(String name) {
        ReferenceValueNames.requireValid(name);
        if (!store.delete(name)) {
            throw new ReferenceValueNotFoundException(name);
        }
    }
}
