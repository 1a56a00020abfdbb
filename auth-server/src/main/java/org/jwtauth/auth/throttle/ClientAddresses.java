package org.jwtauth.auth.throttle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Which address a client's failures are counted under. IPv4 addresses count one by one; IPv6 ones by
 * their /64 prefix, because one host normally owns a whole /64 and could otherwise rotate through
 * billions of addresses to escape the per-address limit.
 */
final class ClientAddresses {

    /** An IPv6 literal, optionally with a zone: parsing it never triggers a DNS lookup. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.-]+)?");

    private ClientAddresses() {
    }

    static String throttleKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        if (remoteAddress.indexOf(':') < 0 || !IPV6_LITERAL.matcher(remoteAddress).matches()) {
            return remoteAddress;
        }
        try {
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();   // an IPv4-mapped address counts as the IPv4 one
            }
            byte[] b = address.getAddress();
            return String.format("%x:%x:%x:%x::/64", word(b, 0), word(b, 2), word(b, 4), word(b, 6));
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
    }

    private static int word(byte[] bytes, int i) {
        return (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
    }
}
