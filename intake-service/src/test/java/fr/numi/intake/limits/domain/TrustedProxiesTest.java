package fr.numi.intake.limits.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Whose X-Forwarded-For is believed, and who the caller is then. */
class TrustedProxiesTest {

    static InetAddress ip(String literal) {
        return TrustedProxies.parse(literal).orElseThrow();
    }

    @Nested
    class WithoutTrustedProxies {

        final TrustedProxies none = TrustedProxies.of(List.of());

        @Test
        void shouldTakeThePeerAndIgnoreTheHeader() {
            assertThat(none.isEmpty()).isTrue();
            assertThat(none.caller(ip("198.51.100.4"), List.of("203.0.113.9"))).isEqualTo("198.51.100.4");
        }

        @Test
        void shouldSayUnknownWithoutAPeer() {
            assertThat(none.caller(null, List.of("203.0.113.9"))).isEqualTo("unknown");
        }
    }

    @Nested
    class BehindTrustedProxies {

        final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", " 192.0.2.7 ", "", "fd00::/8"));

        @Test
        void shouldTakeTheRightMostAddressThatIsNotATrustedProxy() {
            // the client wrote 6.6.6.6 itself; the ingress (10.1.2.3) appended the client it saw, the proxy 192.0.2.7 the ingress
            assertThat(proxies.caller(ip("192.0.2.7"), List.of("6.6.6.6, 203.0.113.9, 10.1.2.3"))).isEqualTo("203.0.113.9");
        }

        @Test
        void shouldReadSeveralHeadersAsOneList() {
            assertThat(proxies.caller(ip("10.0.0.1"), List.of("6.6.6.6", "203.0.113.9"))).isEqualTo("203.0.113.9");
        }

        @Test
        void shouldIgnoreTheHeaderOfAPeerThatIsNotTrusted() {
            assertThat(proxies.caller(ip("198.51.100.4"), List.of("203.0.113.9"))).isEqualTo("198.51.100.4");
            assertThat(proxies.caller(ip("11.0.0.1"), List.of("203.0.113.9"))).isEqualTo("11.0.0.1");
        }

        @Test
        void shouldTakeThePeerWhenATrustedProxySendsNoHeader() {
            assertThat(proxies.caller(ip("10.0.0.1"), List.of())).isEqualTo("10.0.0.1");
        }

        @Test
        void shouldReadPortsAndBracketsAndIpv6() {
            assertThat(proxies.caller(ip("10.0.0.1"), List.of("203.0.113.9:4711"))).isEqualTo("203.0.113.9");
            assertThat(proxies.caller(ip("10.0.0.1"), List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:1");
            assertThat(proxies.caller(ip("fd12::1"), List.of("2001:db8::2"))).isEqualTo("2001:db8:0:0:0:0:0:2");
        }

        @Test
        void shouldTreatAnIpv4MappedPeerAsItsIpv4Address() {
            assertThat(proxies.trusts(ip("::ffff:10.9.8.7"))).isTrue();
        }

        @Test
        void shouldKeepAnUnparsableRightMostEntryAsTheCallerWithoutLookingItUp() {
            assertThat(proxies.caller(ip("10.0.0.1"), List.of("localhost"))).isEqualTo("unparsable:localhost");
        }
    }

    @Test
    void shouldMatchCidrBlocksBitByBit() {
        TrustedProxies proxies = TrustedProxies.of(List.of("172.16.0.0/12"));
        assertThat(proxies.trusts(ip("172.31.255.255"))).isTrue();
        assertThat(proxies.trusts(ip("172.32.0.0"))).isFalse();
        assertThat(proxies.trusts(ip("2001:db8::1"))).isFalse();
    }

    @Test
    void shouldRefuseWhatIsNeitherAnAddressNorABlock() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.example.org"))).hasMessageContaining("proxy.example.org");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x"))).hasMessageContaining("prefix");
    }
}
