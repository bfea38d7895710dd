package dev.arca.tpm.quote;

import dev.arca.tpm.eventlog.TcgAlgorithm;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** PCR values by bank and index: what the evidence claims, or (after the digest check) what the quote attests. */
public record PcrValues(Map<TcgAlgorithm, SortedMap<Integer, byte[]>> banks) {

    public PcrValues {
        Map<TcgAlgorithm, SortedMap<Integer, byte[]>> copy = new EnumMap<>(TcgAlgorithm.class);
        banks.forEach((bank, values) -> copy.put(bank, Collections.unmodifiableSortedMap(new TreeMap<>(values))));
        banks = Collections.unmodifiableMap(copy);
    }

    /** One bank's values listed by PCR index (PCR0 first), as Trustee's and Azure's evidence lists them. */
    public static PcrValues ofBank(TcgAlgorithm bank, List<byte[]> values) {
        SortedMap<Integer, byte[]> indexed = new TreeMap<>();
        for (int i = 0; i < values.size(); i++) {
            indexed.put(i, values.get(i).clone());
        }
        return new PcrValues(Map.of(bank, indexed));
    }

    /** The bank's values, empty when absent. */
    public SortedMap<Integer, byte[]> bank(TcgAlgorithm bank) {
        return banks.getOrDefault(bank, Collections.emptySortedMap());
    }
}
