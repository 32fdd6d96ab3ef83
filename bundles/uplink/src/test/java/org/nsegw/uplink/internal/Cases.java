package org.nsegw.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nsegw.emulator.platform.PlatformReceiver;
import org.nsegw.emulator.platform.ReceivedCase;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.Priority;
import org.nsegw.outbox.State;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.packet.PacketVerifier;
import org.nsegw.uplink.internal.protocol.Packets;

/**
 * One gateway's cases: real signed packets in one chain, put into a real outbox as the evidence component does, and
 * what must be true of them at the end of a delivery: every case at the platform exactly once, verified, and nothing
 * left unacknowledged in the outbox.
 */
final class Cases {

    static final String GATEWAY = "hz-test-gw1"; // the gateway id Packets writes into every manifest

    private final List<BuiltPacket> packets = new ArrayList<>();
    private final String caseIdPrefix;
    private ChainLink link = ChainLink.first();

    /** @param caseIdPrefix the case ids' first digits (a case id is this and a 7-digit number) */
    Cases(String caseIdPrefix) {
        this.caseIdPrefix = caseIdPrefix;
    }

    /** The next case of the chain, put into the outbox; violations and reviews alternate. */
    synchronized BuiltPacket add(Outbox outbox, int imageBytes) throws IOException {
        BuiltPacket p = Packets.packet(String.format("%s%07d", caseIdPrefix, packets.size() + 1), link, imageBytes);
        outbox.put(p.caseId(), p.sequence(), p.manifestSha256(), packets.size() % 2 == 0 ? Priority.VIOLATION : Priority.REVIEW,
                p.zip());
        packets.add(p);
        link = ChainLink.after(p);
        return p;
    }

    synchronized List<BuiltPacket> all() {
        return List.copyOf(packets);
    }

    synchronized int size() {
        return packets.size();
    }

    /** Whether the outbox has every case acknowledged (the platform answered VERIFIED with its digest). */
    boolean allAcknowledged(Outbox outbox) {
        return all().stream().allMatch(p -> outbox.find(p.caseId()).map(i -> i.state() == State.ACKNOWLEDGED).orElse(false));
    }

    /** How many of the cases the platform has verified so far (its received.jsonl). */
    static long verifiedAtPlatform(Path store) {
        try {
            return ReceivedCase.readAll(store).stream().filter(r -> r.status().equals("VERIFIED")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The end of every delivery: each case at the platform exactly once (one VERIFIED line, one stored packet equal to
     * the gateway's, repeats only as DUPLICATE lines), nothing rejected, the gateway's chain complete and verifying,
     * and the outbox holding nothing unacknowledged.
     */
    void assertDeliveredOnce(Path store, Outbox outbox) throws IOException {
        List<BuiltPacket> expected = all();
        Set<String> ids = expected.stream().map(BuiltPacket::caseId).collect(Collectors.toSet());
        List<ReceivedCase> lines = ReceivedCase.readAll(store);
        assertThat(lines).as("no case rejected").noneMatch(r -> r.status().equals("REJECTED"));
        List<String> verified = lines.stream().filter(r -> r.status().equals("VERIFIED")).map(ReceivedCase::caseId).toList();
        assertThat(verified).as("one VERIFIED line per case").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(lines).as("repeats are duplicates of known cases").allMatch(r -> ids.contains(r.caseId()));

        Path folder = store.resolve(GATEWAY);
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).as("one stored packet per case")
                    .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> id + ".zip").toList());
        }
        Map<String, BuiltPacket> byId = expected.stream().collect(Collectors.toMap(BuiltPacket::caseId, Function.identity()));
        for (String id : ids) {
            assertThat(Files.readAllBytes(folder.resolve(id + ".zip"))).as("the stored packet of " + id).isEqualTo(byId.get(id).zip());
        }
        Map<String, PacketVerifier.DirectoryResult> chains = PlatformReceiver.verifyStore(store, Set.of(Packets.keyId()));
        assertThat(chains).containsOnlyKeys(GATEWAY);
        PacketVerifier.DirectoryResult chain = chains.get(GATEWAY);
        assertThat(chain.ok()).as("the gateway's chain at the platform: %s", chain.chainProblems()).isTrue();
        assertThat(chain.packets()).hasSize(expected.size());

        assertThat(allAcknowledged(outbox)).as("every case acknowledged in the outbox").isTrue();
        assertThat(outbox.next(expected.size() + 10)).as("nothing unacknowledged left in the outbox").isEmpty();
        assertThat(outbox.usage().pending()).isZero();
    }
}
