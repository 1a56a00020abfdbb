package org.jwtauth.auth.keys;

import java.util.List;

/** The answer to a rotation: which key signs now, and every key afterwards. */
public record RotationView(String activeKid, String previousKid, String nextKid, List<KeyView> keys) {
}
