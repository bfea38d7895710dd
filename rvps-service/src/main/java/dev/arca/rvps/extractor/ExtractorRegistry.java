package dev.arca.rvps.extractor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The extractors of this service, by message type. */
@Component
public class ExtractorRegistry {

    private final Map<String, Extractor> byType = new TreeMap<>();

    public ExtractorRegistry(List<Extractor> extractors) {
        for (Extractor extractor : extractors) {
            Extractor previous = byType.putIfAbsent(extractor.type(), extractor);
            if (previous != null) {
                throw new IllegalStateException("two extractors for type " + extractor.type() + ": "
                        + previous.getClass().getName() + " and " + extractor.getClass().getName());
            }
        }
    }

    public Optional<Extractor> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The supported message types, sorted. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }
}
