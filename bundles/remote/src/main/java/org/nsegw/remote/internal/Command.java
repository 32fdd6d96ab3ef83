package org.nsegw.remote.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import org.nsegw.packet.CanonicalJson;

/**
 * One operator command as it arrives on {@code P/G/command} ({@code docs/remote.md}):
 * {@code {"command": {"id", "gatewayId", "operator", "nonce", "issued", "expires", "action", "args"}, "signature"}},
 * the signature Ed25519 over the RFC 8785 form of {@code command}. Parsing checks the form only; {@link CommandCheck}
 * decides whether it is to be obeyed.
 *
 * @param signed the canonical bytes the signature covers
 */
record Command(String id, String gatewayId, String operator, String nonce, Instant issued, Instant expires, String action,
        ObjectNode args, byte[] signed, byte[] signature) {

    static final Set<String> ACTIONS = Set.of("get", "set", "snapshots", "snapshot", "rollback", "restart", "log", "status", "confirm");
    static final int MAX_PAYLOAD = 256 * 1024;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** A payload that is not a command; {@code commandId} is the command's id when that much could be read. */
    static final class Malformed extends Exception {
        private final String commandId;

        Malformed(String commandId, String message) {
            super(message);
            this.commandId = commandId;
        }

        String commandId() {
            return commandId;
        }
    }

    static Command parse(byte[] payload) throws Malformed {
        if (payload == null || payload.length == 0) {
            throw new Malformed("", "empty message");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new Malformed("", "message of " + payload.length + " bytes; at most " + MAX_PAYLOAD);
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new Malformed("", "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("", "not a JSON object");
        }
        JsonNode command = root.get("command");
        if (command == null || !command.isObject()) {
            throw new Malformed("", "no 'command' object");
        }
        String id = command.path("id").isTextual() ? command.get("id").asText() : "";
        if (!TOKEN.matcher(id).matches()) {
            throw new Malformed("", "command.id must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        JsonNode sig = root.get("signature");
        if (sig == null || !sig.isTextual() || sig.asText().isEmpty()) {
            throw new Malformed(id, "unsigned: no 'signature'");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(sig.asText());
        } catch (IllegalArgumentException e) {
            throw new Malformed(id, "signature is not base64");
        }
        String gatewayId = text(command, "gatewayId", id);
        String operator = text(command, "operator", id);
        String nonce = text(command, "nonce", id);
        if (!TOKEN.matcher(nonce).matches() || nonce.length() < 16) {
            throw new Malformed(id, "command.nonce must be 16 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        Instant issued = time(command, "issued", id);
        Instant expires = time(command, "expires", id);
        String action = text(command, "action", id);
        if (!ACTIONS.contains(action)) {
            throw new Malformed(id, "unknown action '" + action + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(ACTIONS)));
        }
        JsonNode args = command.get("args");
        if (args != null && !args.isObject()) {
            throw new Malformed(id, "command.args must be an object");
        }
        byte[] signed;
        try {
            signed = CanonicalJson.canonicalize(command.toString());
        } catch (IllegalArgumentException e) {
            throw new Malformed(id, "command cannot be canonicalised (RFC 8785): " + e.getMessage());
        }
        return new Command(id, gatewayId, operator, nonce, issued, expires, action,
                args == null ? JSON.createObjectNode() : (ObjectNode) args, signed, signature);
    }

    private static String text(JsonNode command, String field, String id) throws Malformed {
        JsonNode n = command.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new Malformed(id, "command." + field + " is missing or not text");
        }
        return n.asText();
    }

    private static Instant time(JsonNode command, String field, String id) throws Malformed {
        String text = text(command, field, id);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Malformed(id, "command." + field + " '" + text + "' is not a UTC time such as 2026-11-23T02:15:07.250Z");
        }
    }
}
