package org.nsegw.remote.internal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a parsed command is to be obeyed: for this gateway, from a trusted operator, signed by that operator's key,
 * not expired, not issued in the future or with an expiry too far ahead (which would make its nonce live long), and
 * not seen before. The nonce is remembered only for a command that passes every other check, so that nobody can fill
 * the cache with unsigned messages.
 */
final class CommandCheck {

    /** How far a command's issue time may be ahead of the gateway's clock. */
    static final Duration SKEW = Duration.ofSeconds(60);

    private final String gatewayId;
    private final Operators operators;
    private final ReplayGuard replays;
    private final Duration maxLifetime;

    CommandCheck(String gatewayId, Operators operators, ReplayGuard replays, Duration maxLifetime) {
        this.gatewayId = gatewayId;
        this.operators = operators;
        this.replays = replays;
        this.maxLifetime = maxLifetime;
    }

    /** Empty when the command is to be obeyed; otherwise why not. */
    Optional<String> refusal(Command c, Instant now) {
        if (!c.gatewayId().equals(gatewayId)) {
            return Optional.of("for gateway '" + c.gatewayId() + "', not this one (" + gatewayId + ")");
        }
        Optional<PublicKey> key = operators.key(c.operator());
        if (key.isEmpty()) {
            return Optional.of("unknown operator '" + c.operator() + "': no trusted key of that name");
        }
        if (!verifies(key.get(), c.signed(), c.signature())) {
            return Optional.of("bad signature: not made by operator '" + c.operator() + "' over this command");
        }
        if (!c.expires().isAfter(now)) {
            return Optional.of("expired at " + c.expires() + " (gateway time " + now + ")");
        }
        if (c.issued().isAfter(now.plus(SKEW))) {
            return Optional.of("issued at " + c.issued() + ", in the future (gateway time " + now + "); check the clocks");
        }
        if (c.expires().isAfter(now.plus(maxLifetime))) {
            return Optional.of("expires at " + c.expires() + ", more than " + maxLifetime.toSeconds() + " s ahead");
        }
        if (!replays.firstUse(c.nonce(), c.expires(), now)) {
            return Optional.of("replayed: nonce " + c.nonce() + " was used before");
        }
        return Optional.empty();
    }

    static boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(signed);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
