package org.nsegw.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsegw.packet.CanonicalJson;

class CommandCheckTest {

    static final Instant NOW = Instant.parse("2026-11-23T02:15:00Z");
    final KeyPair alice = pair();
    final KeyPair mallory = pair();
    final List<String> stored = new ArrayList<>();
    final ReplayGuard replays = new ReplayGuard((n, e) -> stored.add(n), Map.of(), NOW);
    final CommandCheck check = new CommandCheck("gw1", Operators.parse(new String[] {"alice=" + pub(alice)}), replays,
            Duration.ofMinutes(10));

    static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String pub(KeyPair p) {
        return Base64.getEncoder().encodeToString(p.getPublic().getEncoded());
    }

    ObjectNode command(String nonce, Instant expires) {
        ObjectNode c = Command.JSON.createObjectNode().put("id", "c1").put("gatewayId", "gw1").put("operator", "alice")
                .put("nonce", nonce).put("issued", NOW.toString()).put("expires", expires.toString()).put("action", "set");
        c.putObject("args").putObject("settings").put("limits.tolerancePercent", 7);
        return c;
    }

    static byte[] signed(ObjectNode command, KeyPair key) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        s.update(CanonicalJson.canonicalize(command.toString()));
        ObjectNode env = Command.JSON.createObjectNode();
        env.set("command", command);
        env.put("signature", Base64.getEncoder().encodeToString(s.sign()));
        return env.toString().getBytes(StandardCharsets.UTF_8);
    }

    String refusal(byte[] payload, Instant now) throws Exception {
        return check.refusal(Command.parse(payload), now).orElse("");
    }

    @Test
    void aSignedCommandIsObeyedOnceAndItsReplayRefused() throws Exception {
        byte[] p = signed(command("nonce-0123456789ab", NOW.plusSeconds(60)), alice);
        assertThat(refusal(p, NOW)).isEmpty();
        assertThat(stored).containsExactly("nonce-0123456789ab");
        assertThat(refusal(p, NOW.plusSeconds(1))).startsWith("replayed");
    }

    @Test
    void theSignatureCoversTheCanonicalFormNotTheBytes() throws Exception {
        // members in another order and with white space: the same canonical form, so the same signature holds
        ObjectNode c = command("nonce-0123456789ab", NOW.plusSeconds(60));
        byte[] p = signed(c, alice);
        String text = new String(p, StandardCharsets.UTF_8).replace("{\"id\":\"c1\",", "{ \"id\" : \"c1\" , ");
        assertThat(refusal(text.getBytes(StandardCharsets.UTF_8), NOW)).isEmpty();
    }

    @Test
    void refusals() throws Exception {
        assertThat(refusal(signed(command("nonce-aaaaaaaaaaaaaa", NOW.plusSeconds(60)), mallory), NOW)).startsWith("bad signature");
        assertThat(refusal(signed(command("nonce-bbbbbbbbbbbbbb", NOW.minusSeconds(1)), alice), NOW)).startsWith("expired");
        assertThat(refusal(signed(command("nonce-cccccccccccccc", NOW.plusSeconds(3600)), alice), NOW)).contains("more than 600 s ahead");
        ObjectNode other = command("nonce-dddddddddddddd", NOW.plusSeconds(60)).put("gatewayId", "gw2");
        assertThat(refusal(signed(other, alice), NOW)).contains("not this one");
        ObjectNode bob = command("nonce-eeeeeeeeeeeeee", NOW.plusSeconds(60)).put("operator", "bob");
        assertThat(refusal(signed(bob, alice), NOW)).startsWith("unknown operator 'bob'");
        ObjectNode future = command("nonce-ffffffffffffff", NOW.plusSeconds(300)).put("issued", NOW.plusSeconds(120).toString());
        assertThat(refusal(signed(future, alice), NOW)).contains("in the future");
        // a value changed after signing
        String tampered = new String(signed(command("nonce-gggggggggggggg", NOW.plusSeconds(60)), alice), StandardCharsets.UTF_8)
                .replace("\"limits.tolerancePercent\":7", "\"limits.tolerancePercent\":70");
        assertThat(refusal(tampered.getBytes(StandardCharsets.UTF_8), NOW)).startsWith("bad signature");
        assertThat(stored).as("no nonce kept for a refused command").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"command\": 1}", "{\"command\": {\"id\": \"c1\"}}",
        "{\"command\": {\"id\": \"c1\"}, \"signature\": \"!!\"}",
        "{\"command\": {\"id\": \"c1\", \"id\": \"c2\"}, \"signature\": \"AA==\"}",
        "{\"command\": {\"id\": \"c/1\"}, \"signature\": \"AA==\"}"})
    void malformedMessagesAreRefusedWithAReason(String text) {
        assertThatThrownBy(() -> Command.parse(text.getBytes(StandardCharsets.UTF_8))).isInstanceOf(Command.Malformed.class)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void unsignedIsSaidSo() {
        assertThatThrownBy(() -> Command.parse("{\"command\": {\"id\": \"c1\"}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("unsigned");
    }

    @Test
    void fieldsAreCheckedOneByOne() throws Exception {
        ObjectNode c = command("short", NOW.plusSeconds(60));
        assertThatThrownBy(() -> Command.parse(signed(c, alice))).hasMessageContaining("nonce");
        ObjectNode d = command("nonce-0123456789ab", NOW.plusSeconds(60)).put("expires", "tomorrow");
        assertThatThrownBy(() -> Command.parse(signed(d, alice))).hasMessageContaining("expires 'tomorrow'");
        ObjectNode e = command("nonce-0123456789ab", NOW.plusSeconds(60)).put("action", "format-disk");
        assertThatThrownBy(() -> Command.parse(signed(e, alice))).hasMessageContaining("unknown action 'format-disk'");
    }

    @Test
    void nonceCacheForgetsExpiredNoncesAndReloads() {
        Map<String, Instant> file = new HashMap<>();
        ReplayGuard g = new ReplayGuard(file::put, Map.of(), NOW);
        assertThat(g.firstUse("n1", NOW.plusSeconds(10), NOW)).isTrue();
        // after a restart the stored nonce still refuses the replay
        ReplayGuard restarted = new ReplayGuard(file::put, Map.copyOf(file), NOW.plusSeconds(5));
        assertThat(restarted.firstUse("n1", NOW.plusSeconds(10), NOW.plusSeconds(5))).isFalse();
        // once the command expired its nonce is forgotten (the command itself is then refused as expired)
        assertThat(restarted.live(NOW.plusSeconds(11))).isEmpty();
    }

    @Test
    void badOperatorKeysAreReportedAndLeftOut() {
        Operators o = Operators.parse(new String[] {"alice=" + pub(alice), "bob=bm90IGEga2V5", "carol", "dave=%%%"});
        assertThat(o.names()).containsExactly("alice");
        assertThat(o.problems()).hasSize(3);
    }
}
