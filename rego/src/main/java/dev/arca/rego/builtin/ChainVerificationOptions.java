package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.math.BigDecimal;
import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code crypto.x509.parse_and_verify_certificates_with_options(certs, options)}: {@code parse_and_verify_certificates}
 * (root first, leaf last; PKIX, no revocation) with the options OPA documents, named after Go's {@code
 * x509.VerifyOptions}: {@code DNSName} (the leaf's DNS or IP subject alternative names must cover it; wildcards only
 * as the whole left-most label; no Common Name fallback), {@code CurrentTime} (nanoseconds since the epoch; default the
 * query's time), {@code KeyUsages} (extended key usages by Go's names, e.g. {@code "KeyUsageServerAuth"}; every
 * certificate of the path that restricts its extended key usage must allow one of them; absent means server
 * authentication, as Go assumes; {@code "KeyUsageAny"} accepts any) and {@code MaxConstraintComparisons} (accepted;
 * name constraints are checked by PKIX without Go's comparison budget). Other keys are an error.
 */
final class ChainVerificationOptions {
    private static final Map<String, String> EXTENDED_KEY_USAGES = Map.ofEntries(
            Map.entry("KeyUsageAny", "2.5.29.37.0"),
            Map.entry("KeyUsageServerAuth", "1.3.6.1.5.5.7.3.1"),
            Map.entry("KeyUsageClientAuth", "1.3.6.1.5.5.7.3.2"),
            Map.entry("KeyUsageCodeSigning", "1.3.6.1.5.5.7.3.3"),
            Map.entry("KeyUsageEmailProtection", "1.3.6.1.5.5.7.3.4"),
            Map.entry("KeyUsageIPSECEndSystem", "1.3.6.1.5.5.7.3.5"),
            Map.entry("KeyUsageIPSECTunnel", "1.3.6.1.5.5.7.3.6"),
            Map.entry("KeyUsageIPSECUser", "1.3.6.1.5.5.7.3.7"),
            Map.entry("KeyUsageTimeStamping", "1.3.6.1.5.5.7.3.8"),
            Map.entry("KeyUsageOCSPSigning", "1.3.6.1.5.5.7.3.9"),
            Map.entry("KeyUsageMicrosoftServerGatedCrypto", "1.3.6.1.4.1.311.10.3.3"),
            Map.entry("KeyUsageNetscapeServerGatedCrypto", "2.16.840.1.113730.4.1"),
            Map.entry("KeyUsageMicrosoftCommercialCodeSigning", "1.3.6.1.4.1.311.2.1.22"),
            Map.entry("KeyUsageMicrosoftKernelCodeSigning", "1.3.6.1.4.1.311.61.1.1"));
    private static final String ANY = "2.5.29.37.0";

    private ChainVerificationOptions() {
    }

    static void register(Builtins.Registry r) {
        r.add("crypto.x509.parse_and_verify_certificates_with_options", 2, (a, cx) -> {
            String certs = Args.string(a, 0);
            ObjectValue options = Args.object(a, 1);
            Date at = Date.from(cx.now());
            String dnsName = null;
            Set<String> usages = Set.of(EXTENDED_KEY_USAGES.get("KeyUsageServerAuth"));
            for (var e : options.entries().entrySet()) {
                String key = e.getKey() instanceof StringValue s ? s.value() : String.valueOf(e.getKey());
                Value v = e.getValue();
                switch (key) {
                    case "DNSName" -> dnsName = text(v, key);
                    case "CurrentTime" -> at = date(v);
                    case "MaxConstraintComparisons" -> {
                        if (!(v instanceof NumberValue n) || !n.isInteger()) {
                            throw BuiltinException.failed("'MaxConstraintComparisons' should be a number");
                        }
                    }
                    case "KeyUsages" -> usages = usages(v);
                    default -> throw BuiltinException.failed("invalid key option " + key);
                }
            }
            String host = dnsName;
            Set<String> wanted = usages;
            return CryptoBuiltins.verifiedChain(certs, at,
                    path -> (host == null || host.isEmpty() || coversHost(path.getFirst(), host)) && allowsUsage(path, wanted));
        });
    }

    private static String text(Value v, String key) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw BuiltinException.failed("'" + key + "' should be a string");
    }

    private static Date date(Value v) {
        if (!(v instanceof NumberValue n) || !n.isInteger()) {
            throw BuiltinException.failed("'CurrentTime' should be a number of nanoseconds");
        }
        BigDecimal[] parts = n.value().divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        try {
            return Date.from(Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact()));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw BuiltinException.failed("'CurrentTime' out of range");
        }
    }

    private static Set<String> usages(Value v) {
        if (!(v instanceof ArrayValue list)) {
            throw BuiltinException.failed("'KeyUsages' should be an array of strings");
        }
        var out = new HashSet<String>();
        for (Value item : list.items()) {
            String oid = item instanceof StringValue s ? EXTENDED_KEY_USAGES.get(s.value()) : null;
            if (oid == null) {
                throw BuiltinException.failed("invalid entries for 'KeyUsages' found: " + item);
            }
            out.add(oid);
        }
        return out.isEmpty() ? Set.of(EXTENDED_KEY_USAGES.get("KeyUsageServerAuth")) : out;
    }

    /** Every certificate that restricts its extended key usage allows one of the wanted usages (or any). */
    private static boolean allowsUsage(List<X509Certificate> path, Set<String> wanted) {
        if (wanted.contains(ANY)) {
            return true;
        }
        try {
            for (X509Certificate c : path) {
                List<String> allowed = c.getExtendedKeyUsage();
                if (allowed != null && !allowed.contains(ANY) && allowed.stream().noneMatch(wanted::contains)) {
                    return false;
                }
            }
            return true;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** The leaf's subject alternative names cover the host: DNS names (left-most wildcard label) or IP addresses. */
    static boolean coversHost(X509Certificate leaf, String host) {
        String wanted = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        boolean ip = NetBuiltins.address(wanted).isPresent();
        try {
            var names = leaf.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                String value = String.valueOf(name.get(1));
                if (ip && type == 7 && NetBuiltins.address(value).map(NetBuiltins.Cidr::base)
                        .equals(NetBuiltins.address(wanted).map(NetBuiltins.Cidr::base))) {
                    return true;
                }
                if (!ip && type == 2 && dnsMatches(value, wanted)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateParsingException | RuntimeException e) {
            return false;
        }
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = IDN.toASCII(pattern, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        String h = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(p.substring(1));
    }
}
