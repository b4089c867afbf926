package fr.numi.intake.limits.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} is believed, as addresses and CIDR blocks ({@code 10.0.0.0/8},
 * {@code 192.0.2.7}, {@code fd00::/8}), and who the caller is given them: the TCP peer, unless it is a trusted proxy;
 * then the right-most {@code X-Forwarded-For} entry that is not one (each proxy appends the peer it saw, so whatever
 * stands left of the last untrusted entry is what the client chose to write). With no trusted proxy the header is
 * never read. Literal addresses only: nothing here looks a name up.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    /** Hex digits, dots and at least one colon: the JDK parses it as an IPv6 literal or refuses it, never resolves it. */
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");

    private record Block(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * @param entries addresses or CIDR blocks; blank entries are ignored
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static TrustedProxies of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw == null ? "" : raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] address = parse(slash < 0 ? entry : entry.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + entry))
                    .getAddress();
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a CIDR prefix length: " + entry);
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("CIDR prefix length out of range: " + entry);
                }
            }
            blocks.add(new Block(address, prefix));
        }
        return new TrustedProxies(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean trusts(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = unmapped(address).getAddress();
        return blocks.stream().anyMatch(b -> b.contains(bytes));
    }

    /**
     * Who is calling.
     *
     * @param peer the TCP peer (null if unknown)
     * @param forwardedFor every {@code X-Forwarded-For} header value, in order (each may list several addresses)
     * @return the caller's address as text; {@code unknown} without a peer
     */
    public String caller(InetAddress peer, List<String> forwardedFor) {
        if (peer == null) {
            return "unknown";
        }
        String self = unmapped(peer).getHostAddress();
        if (!trusts(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return self;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(hops::add));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            Optional<InetAddress> address = parse(withoutPort(hop));
            if (address.isEmpty()) {
                // Not an address, yet right of every trusted hop: the caller as far as anyone can tell, kept short
                // (it becomes part of a counter's key).
                return "unparsable:" + (hop.length() > 64 ? hop.substring(0, 64) : hop);
            }
            if (!trusts(address.get())) {
                return unmapped(address.get()).getHostAddress();
            }
        }
        // Every hop is a trusted proxy: the left-most is the nearest to the client anyone knows of.
        return hops.isEmpty() ? self : parse(withoutPort(hops.get(0))).map(a -> unmapped(a).getHostAddress()).orElse(self);
    }

    /** {@code 192.0.2.1:5678} → {@code 192.0.2.1}, {@code [2001:db8::1]:443} → {@code 2001:db8::1}. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** A literal IPv4 or IPv6 address, or nothing; never a name lookup. */
    static Optional<InetAddress> parse(String text) {
        if (text == null || text.length() > 45 || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code ::ffff:192.0.2.1} is {@code 192.0.2.1}. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return address;
                }
            }
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return Inet4Address.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    return address;
                }
            }
        }
        return address;
    }
}
