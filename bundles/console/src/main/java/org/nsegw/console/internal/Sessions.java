package org.nsegw.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's sessions. A browser gets a session before it logs in (to carry the login form's CSRF token) and a new
 * one, with a new id and a new token, when it logs in, so that an id planted before the login is worth nothing after
 * it. Sessions end after {@code idle} without a request, at logout, or when the table is full and they are the
 * oldest. Pure apart from the random source; thread-safe.
 */
final class Sessions {

    /** A browser's session. Immutable: a request that changes it replaces it. */
    record Session(String id, String csrfToken, boolean loggedIn, Instant created, Instant lastSeen) {

        /** Whether {@code token} (from a form or header) is this session's CSRF token; constant time. */
        boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.US_ASCII),
                    token.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** More sessions than an installer team can have; anonymous ones beyond it push out the oldest. */
    static final int MAX_SESSIONS = 256;

    private final SecureRandom random;
    private final Clock clock;
    private final Duration idle;
    private final Map<String, Session> byId = new LinkedHashMap<>();

    Sessions(SecureRandom random, Clock clock, Duration idle) {
        this.random = random;
        this.clock = clock;
        this.idle = idle;
    }

    Duration idle() {
        return idle;
    }

    /** A new session, not logged in. */
    synchronized Session open() {
        return put(false);
    }

    /** The live session with this id (refreshing its idle time), or empty when unknown or expired. */
    synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(s.lastSeen().plus(idle))) {
            byId.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.csrfToken(), s.loggedIn(), s.created(), now);
        byId.put(id, touched);
        return Optional.of(touched);
    }

    /** Ends {@code previous} (if any) and opens a logged-in session in its place. */
    synchronized Session logIn(Optional<Session> previous) {
        previous.ifPresent(p -> byId.remove(p.id()));
        return put(true);
    }

    synchronized void end(String id) {
        byId.remove(id);
    }

    /** Ends every session but {@code keep} (after a password change); returns how many logged-in ones ended. */
    synchronized int endAllBut(String keep) {
        int ended = (int) byId.values().stream().filter(s -> s.loggedIn() && !s.id().equals(keep)).count();
        byId.keySet().removeIf(id -> !id.equals(keep));
        return ended;
    }

    synchronized int size() {
        return byId.size();
    }

    private Session put(boolean loggedIn) {
        Instant now = clock.instant();
        byId.values().removeIf(s -> !now.isBefore(s.lastSeen().plus(idle)));
        while (byId.size() >= MAX_SESSIONS) {
            // the anonymous sessions first: anybody can open those; then the oldest logged-in one
            Session victim = byId.values().stream().filter(s -> !s.loggedIn()).findFirst()
                    .orElseGet(() -> byId.values().stream().min(Comparator.comparing(Session::lastSeen)).orElseThrow());
            byId.remove(victim.id());
        }
        Session s = new Session(token(), token(), loggedIn, now, now);
        byId.put(s.id(), s);
        return s;
    }

    /** 256 random bits, URL- and cookie-safe. */
    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
