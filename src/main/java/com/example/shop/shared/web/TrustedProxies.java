package com.example.shop.shared.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.shop.shared.web.ProxyProperties.ForwardedHeader;

/**
 * The client's address and scheme of a request that came through trusted proxies ({@code shop.web.trusted-proxies}):
 * only when the direct peer is one of them, the forwarding header ({@code shop.web.forwarded-header}) is read
 * from the right, skipping the hops that are trusted proxies too; the first one that is not is the client. So a
 * client cannot choose its address by sending the header itself (its value sits left of what the proxies
 * appended), and a chain of proxies works. The request then answers {@code getRemoteAddr()},
 * {@code getRemoteHost()}, {@code getScheme()}, {@code isSecure()} and {@code getServerPort()} for the client's
 * side, so every rate limit keys on the real client and Spring Security's HSTS header follows the client's scheme,
 * without a change anywhere else. A header that cannot be read (an entry that is not an IP address, such as
 * {@code unknown} or a name) leaves the request as it came: the peer's address.
 * <p>
 * Written here because no component at hand does all of it: Tomcat's {@code RemoteIpValve}
 * ({@code server.forward-headers-strategy=native}) reads {@code X-Forwarded-*} from configured proxies but not
 * RFC 7239 {@code Forwarded}; Spring's {@code ForwardedHeaderFilter} ({@code =framework}) reads both but believes
 * them from anyone and takes the left-most address, which the client writes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TrustedProxies extends OncePerRequestFilter {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final List<IpAddressMatcher> trusted;
    private final ForwardedHeader header;

    TrustedProxies(ProxyProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(TrustedProxies::matcher).toList();
        this.header = properties.forwardedHeader();
    }

    /** One configured proxy: an IP address or a CIDR range, never a host name (no DNS lookups here). */
    private static IpAddressMatcher matcher(String entry) {
        String trimmed = entry.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (literal(address) == null || (slash >= 0 && !PORT.matcher(trimmed.substring(slash + 1)).matches())) {
            throw new IllegalArgumentException("shop.web.trusted-proxies: '" + entry
                    + "' is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, 2001:db8::/32)");
        }
        return new IpAddressMatcher(trimmed);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return trusted.isEmpty();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Client client = client(request);
        chain.doFilter(client == null ? request : new ClientRequest(request, client), response);
    }

    /** The client behind the trusted proxies, or null when the request is to be taken as it came. */
    @Nullable
    Client client(HttpServletRequest request) {
        InetAddress peer = literal(request.getRemoteAddr());
        if (peer == null || !trusted(peer)) {
            return null;
        }
        List<Hop> hops = header == ForwardedHeader.FORWARDED ? forwarded(request) : xForwarded(request);
        if (hops == null) {
            return null;
        }
        InetAddress client = peer;
        String proto = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = hops.get(i).address() == null ? null : literal(hops.get(i).address());
            if (hop == null) {
                return null;
            }
            client = hop;
            proto = hops.get(i).proto();
            if (!trusted(hop)) {
                break;
            }
        }
        if (hops.isEmpty()) {
            // a proxy may say only the scheme (X-Forwarded-Proto without X-Forwarded-For)
            proto = header == ForwardedHeader.X_FORWARDED ? lastProto(request) : null;
            if (proto == null) {
                return null;
            }
        }
        return new Client(client.getHostAddress(), proto);
    }

    private boolean trusted(InetAddress address) {
        String text = address.getHostAddress();
        for (IpAddressMatcher proxy : trusted) {
            if (proxy.matches(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code X-Forwarded-For} (every line, left to right) with {@code X-Forwarded-Proto}: when the latter has an
     * entry per hop, each hop gets its own; otherwise every hop gets its last entry (the one the nearest proxy
     * wrote).
     */
    private static List<Hop> xForwarded(HttpServletRequest request) {
        List<String> addresses = entries(request.getHeaders("X-Forwarded-For"));
        List<String> protos = entries(request.getHeaders("X-Forwarded-Proto"));
        List<Hop> hops = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            String proto = protos.isEmpty() ? null
                    : protos.size() == addresses.size() ? protos.get(i) : protos.get(protos.size() - 1);
            hops.add(new Hop(addresses.get(i), scheme(proto)));
        }
        return hops;
    }

    private static @Nullable String lastProto(HttpServletRequest request) {
        List<String> protos = entries(request.getHeaders("X-Forwarded-Proto"));
        return protos.isEmpty() ? null : scheme(protos.get(protos.size() - 1));
    }

    private static List<String> entries(@Nullable Enumeration<String> lines) {
        List<String> entries = new ArrayList<>();
        if (lines == null) {
            return entries;
        }
        for (String line : Collections.list(lines)) {
            for (String entry : line.split(",", -1)) {
                entries.add(entry.trim());
            }
        }
        return entries;
    }

    /**
     * RFC 7239 {@code Forwarded}: elements separated by commas, each of {@code name=value} pairs separated by
     * semicolons, a value a token or a quoted string. Null when a line does not parse.
     */
    private static @Nullable List<Hop> forwarded(HttpServletRequest request) {
        List<Hop> hops = new ArrayList<>();
        Enumeration<String> lines = request.getHeaders("Forwarded");
        if (lines == null) {
            return hops;
        }
        for (String line : Collections.list(lines)) {
            List<List<String>> elements = ForwardedSyntax.elements(line);
            if (elements == null) {
                return null;
            }
            for (List<String> pairs : elements) {
                String address = null;
                String proto = null;
                for (String pair : pairs) {
                    int equals = pair.indexOf('=');
                    if (equals <= 0) {
                        return null;
                    }
                    String name = pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                    String value = ForwardedSyntax.value(pair.substring(equals + 1).trim());
                    if (value == null) {
                        return null;
                    }
                    if (name.equals("for")) {
                        address = value;
                    } else if (name.equals("proto")) {
                        proto = scheme(value);
                    }
                }
                hops.add(new Hop(address, proto));
            }
        }
        return hops;
    }

    private static @Nullable String scheme(@Nullable String proto) {
        if (proto == null) {
            return null;
        }
        String lower = proto.trim().toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") ? lower : null;
    }

    /**
     * An IP address written as a literal, with or without a port ({@code 192.0.2.1:4711},
     * {@code [2001:db8::1]:4711}); null for anything else. Never resolves a name.
     */
    static @Nullable InetAddress literal(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String address = text;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = address.substring(close + 1);
            if (!rest.isEmpty() && !(rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) {
                return null;
            }
            address = address.substring(1, close);
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            String port = address.substring(address.indexOf(':') + 1);
            if (!PORT.matcher(port).matches()) {
                return null;
            }
            address = address.substring(0, address.indexOf(':'));
        }
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !(address.indexOf(':') >= 0 && IPV6.matcher(address).matches())) {
            return null;
        }
        try {
            // a dotted quad or a string with colons: parsed as a literal, no lookup
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** One hop of a forwarding header: the address it came from (may be anything, or absent) and its scheme. */
    private record Hop(@Nullable String address, @Nullable String proto) {
    }

    /** The client's address and, when a proxy said it, the scheme the client used. */
    record Client(String address, @Nullable String scheme) {
    }

    /** The request as the client made it. */
    private static final class ClientRequest extends HttpServletRequestWrapper {

        private final Client client;

        ClientRequest(HttpServletRequest request, Client client) {
            super(request);
            this.client = client;
        }

        @Override
        public String getRemoteAddr() {
            return client.address();
        }

        @Override
        public String getRemoteHost() {
            return client.address();
        }

        @Override
        public String getScheme() {
            return client.scheme() != null ? client.scheme() : super.getScheme();
        }

        @Override
        public boolean isSecure() {
            return client.scheme() != null ? client.scheme().equals("https") : super.isSecure();
        }

        /** A default port of the proxy's scheme (no port in {@code Host}) becomes the client's scheme's default. */
        @Override
        public int getServerPort() {
            int port = super.getServerPort();
            String own = super.getScheme();
            if (client.scheme() == null || client.scheme().equals(own)) {
                return port;
            }
            return port == defaultPort(own) ? defaultPort(client.scheme()) : port;
        }

        @Override
        public StringBuffer getRequestURL() {
            String scheme = getScheme();
            int port = getServerPort();
            StringBuffer url = new StringBuffer(scheme).append("://").append(getServerName());
            if (port != defaultPort(scheme)) {
                url.append(':').append(port);
            }
            return url.append(getRequestURI());
        }

        private static int defaultPort(String scheme) {
            return scheme.equals("https") ? 443 : 80;
        }
    }
}
