package dev.arca.rego.builtin;

import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.StringValue;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.TreeSet;
import dev.arca.rego.value.SetValue;
import dev.arca.rego.value.Value;

/** {@code net.cidr_*}: IPv4 and IPv6 prefixes and addresses, parsed without any name resolution. */
final class NetBuiltins {
    private NetBuiltins() {
    }

    /** A prefix: first address, bit length of the family, prefix length. */
    record Cidr(BigInteger base, int bits, int prefix) {
        BigInteger first() {
            return base.shiftRight(bits - prefix).shiftLeft(bits - prefix);
        }

        BigInteger last() {
            return first().add(BigInteger.ONE.shiftLeft(bits - prefix)).subtract(BigInteger.ONE);
        }
    }

    static void register(Builtins.Registry r) {
        r.add2("net.cidr_contains", a -> {
            Cidr outer = cidr(Args.string(a, 0)).orElseThrow(() -> BuiltinException.failed("invalid CIDR"));
            String inner = Args.string(a, 1);
            Cidr in = cidr(inner).or(() -> address(inner).map(ip -> new Cidr(ip.base(), ip.bits(), ip.bits())))
                    .orElseThrow(() -> BuiltinException.failed("invalid CIDR or IP"));
            return BoolValue.of(in.bits() == outer.bits() && in.first().compareTo(outer.first()) >= 0
                    && in.last().compareTo(outer.last()) <= 0);
        });
        r.add2("net.cidr_intersects", a -> {
            Cidr x = cidr(Args.string(a, 0)).orElseThrow(() -> BuiltinException.failed("invalid CIDR"));
            Cidr y = cidr(Args.string(a, 1)).orElseThrow(() -> BuiltinException.failed("invalid CIDR"));
            return BoolValue.of(x.bits() == y.bits() && x.first().compareTo(y.last()) <= 0
                    && y.first().compareTo(x.last()) <= 0);
        });
        r.add1("net.cidr_merge", a -> {
            var ranges = new java.util.ArrayList<Cidr>();
            for (Value v : Args.collection(a, 0)) {
                if (!(v instanceof StringValue s)) {
                    throw BuiltinException.type("operand 1 must be array or set of strings");
                }
                Optional<Cidr> range = cidr(s.value());
                if (range.isEmpty()) {
                    // a lone IPv4 address is its /32; an IPv6 one must say its prefix length, as in OPA
                    range = address(s.value());
                    if (range.isPresent() && range.get().bits() == 128) {
                        throw BuiltinException.failed("IPv6 invalid: needs prefix length");
                    }
                }
                ranges.add(range.orElseThrow(() -> BuiltinException.failed("invalid CIDR or IP " + s.value())));
            }
            var out = new TreeSet<Value>();
            for (int bits : new int[] {32, 128}) {
                var family = ranges.stream().filter(c -> c.bits() == bits)
                        .sorted(java.util.Comparator.comparing(Cidr::first)).toList();
                BigInteger start = null;
                BigInteger end = null;
                for (Cidr c : family) {
                    if (start != null && c.first().compareTo(end.add(BigInteger.ONE)) <= 0) {
                        end = end.max(c.last());
                        continue;
                    }
                    if (start != null) {
                        prefixes(start, end, bits, out);
                    }
                    start = c.first();
                    end = c.last();
                }
                if (start != null) {
                    prefixes(start, end, bits, out);
                }
            }
            return new SetValue(out);
        });
        r.add1("net.cidr_expand", a -> {
            Cidr c = cidr(Args.string(a, 0)).orElseThrow(() -> BuiltinException.failed("invalid CIDR"));
            // bounded: a policy cannot make the engine list a /8 (16 million addresses) or an IPv6 /64
            if (c.bits() - c.prefix() > MAX_EXPAND_BITS) {
                throw BuiltinException.failed("CIDR has more than " + (1 << MAX_EXPAND_BITS) + " addresses");
            }
            var out = new TreeSet<Value>();
            for (BigInteger ip = c.first(); ip.compareTo(c.last()) <= 0; ip = ip.add(BigInteger.ONE)) {
                out.add(new StringValue(format(ip, c.bits())));
            }
            return new SetValue(out);
        });
        r.add1("net.cidr_is_valid", a -> BoolValue.of(a.get(0) instanceof StringValue s && cidr(s.value()).isPresent()));
    }

    private static final int MAX_EXPAND_BITS = 16;

    /** The fewest prefixes that cover exactly [start, end]. */
    private static void prefixes(BigInteger start, BigInteger end, int bits, TreeSet<Value> out) {
        BigInteger at = start;
        while (at.compareTo(end) <= 0) {
            int size = at.signum() == 0 ? bits : Math.min(bits, at.getLowestSetBit());
            while (size > 0 && at.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(end) > 0) {
                size--;
            }
            out.add(new StringValue(format(at, bits) + "/" + (bits - size)));
            at = at.add(BigInteger.ONE.shiftLeft(size));
        }
    }

    /** Dotted quad, or IPv6 in RFC 5952 form (lower case, the longest run of zero groups as ::), as Go prints it. */
    static String format(BigInteger ip, int bits) {
        if (bits == 32) {
            long v = ip.longValue();
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ip.shiftRight(112 - 16 * i).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    static Optional<Cidr> cidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0 || !s.substring(slash + 1).matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(s.substring(slash + 1));
        return address(s.substring(0, slash)).filter(ip -> prefix <= ip.bits())
                .map(ip -> new Cidr(ip.base(), ip.bits(), prefix));
    }

    /** A literal IPv4 (dotted quad) or IPv6 address; never a host name. */
    static Optional<Cidr> address(String s) {
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                    return Optional.empty();
                }
            }
        }
        try {
            byte[] bytes = InetAddress.getByName(s).getAddress();
            if (v6 && bytes.length == 4) {
                // an IPv4-mapped IPv6 literal: keep it in the IPv6 family
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            return Optional.of(new Cidr(new BigInteger(1, bytes), bytes.length * 8, bytes.length * 8));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
