package dev.arca.rvps.extractor.intoto;

import java.time.Instant;
import java.util.Map;

/**
 * The outcome of a successful verification.
 *
 * @param layoutKey     the trusted key that signed the root layout
 * @param layoutExpires when the layout expires
 * @param products      every step's products, path → hash object; where several steps produce the same path, the
 *                      last of them in the layout's step order (the artifact as it left the supply chain)
 */
record VerifiedSupplyChain(InTotoKey layoutKey, Instant layoutExpires, Map<String, Map<String, String>> products) {
}
