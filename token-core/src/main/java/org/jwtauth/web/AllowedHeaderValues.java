package org.jwtauth.web;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.function.Predicate;

/**
 * The header values Spring Security's {@link StrictHttpFirewall} allows by default (every code point
 * assigned and not a control character, tab excepted), checked with a loop instead of its regex
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. The firewall checks each header value every time
 * the application reads it; with the regex's Unicode classes, reading a bearer token of some 700
 * characters was the largest single cost a token added to a request (BENCHMARKS.md, third pass). The
 * answer is the regex's for every string (tested against it, code point by code point).
 */
public final class AllowedHeaderValues implements Predicate<String> {

    /** Spring's strict firewall, unchanged but for this check; declare it as the {@code HttpFirewall} bean. */
    public static StrictHttpFirewall strictFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(new AllowedHeaderValues());
        return firewall;
    }

    @Override
    public boolean test(String value) {
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) { // printable ASCII, nearly every header: assigned, no control
                i++;
                continue;
            }
            int codePoint = value.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && codePoint != '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
