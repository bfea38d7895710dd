package dev.arca.rego.builtin;

import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.StringValue;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

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
        r.add1("net.cidr_is_valid", a -> BoolValue.of(a.get(0) instanceof StringValue s && cidr(s.value()).isPresent()));
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
