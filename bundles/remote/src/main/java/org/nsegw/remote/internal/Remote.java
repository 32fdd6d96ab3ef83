package org.nsegw.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nsegw.api.health.GatewayHealth;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.api.uplink.UplinkEndpoint;
import org.nsegw.site.PlannedConfiguration;
import org.nsegw.site.SiteCompiler;
import org.nsegw.site.SiteCompiler.Setting;
import org.nsegw.site.SiteOverlay;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Remote configuration ({@code docs/remote.md}): operators' signed commands on {@code P/G/command}, replies on
 * {@code P/G/reply}, every command and its outcome in the audit log ({@code <data>/remote/audit.jsonl}), sent on
 * {@code P/G/audit}. One thread does everything (commands, the commit-confirm clock, the audit, reconnecting), so
 * commands are obeyed one at a time in the order they came.
 *
 * <p>The connection is this bundle's own, to the uplink's broker with the uplink's settings ({@link UplinkEndpoint})
 * and the client id {@code <uplink client id>-remote}: the uplink's courier keeps its window and session to itself,
 * and a change to the uplink's configuration moves this connection with it.
 */
@Component(immediate = true, configurationPid = "org.nsegw.remote", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Remote.class)
@Designate(ocd = RemoteConfig.class)
public final class Remote {

    static final long TICK_MS = 200;
    static final long FIRST_BACKOFF_MS = 1_000;
    static final long LAST_BACKOFF_MS = 30_000;
    static final int MAX_LOG_LINES = 1_000;
    private static final ObjectMapper JSON = Command.JSON;

    private record Incoming(byte[] payload, byte[] correlation) {
    }

    /** A command that could not be carried out; {@code refused} when the fault is the command's (invalid values). */
    private static final class Failed extends Exception {
        final boolean refused;

        Failed(boolean refused, String message) {
            super(message);
            this.refused = refused;
        }
    }

    private final Logger log;
    private final SiteOverlay site;
    private final Clock clock = Clock.systemUTC();
    private final RemoteConfig config;
    private final Path data;
    private final RemoteFiles files;
    private final Operators operators;
    private final ReplayGuard replays;
    private final CommitConfirm trial;
    private final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
    private final Map<String, AtomicLong> counters = new LinkedHashMap<>();
    private volatile UplinkEndpoint endpoint;
    private volatile boolean endpointChanged;
    private volatile boolean running = true;
    private final Thread thread;
    private RemoteLink link;
    private String gatewayId = "";
    private CommandCheck check;
    private long backoff = FIRST_BACKOFF_MS;
    private long nextAttempt;

    @Activate
    public Remote(BundleContext context, RemoteConfig config, @Reference SiteOverlay site,
            @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.log = log;
        this.site = site;
        this.config = config;
        String dataDir = context.getProperty(GatewayProperties.DATA_DIR);
        this.data = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir);
        this.files = new RemoteFiles(data.resolve("remote"));
        for (String c : List.of("commands", "done", "refused", "failed", "rollbacks", "auditSent")) {
            counters.put(c, new AtomicLong());
        }
        this.operators = Operators.parse(config.operators());
        operators.problems().forEach(p -> log.error("Remote: {} (left out)", p));
        Instant now = clock.instant();
        this.replays = new ReplayGuard(files, files.nonces(), now);
        files.compactNonces(replays.live(now));
        Optional<CommitConfirm.Trial> resumed = files.trial();
        this.trial = new CommitConfirm(Duration.ofSeconds(config.confirmSeconds()), Duration.ofSeconds(config.uplinkLossSeconds()),
                resumed.orElse(null));
        resumed.ifPresent(t -> log.warn("Remote: change {} of {} is still unconfirmed; rolled back to {} unless confirmed by {}",
                t.changeId(), t.operator(), t.snapshot(), t.deadline()));
        this.thread = new Thread(this::run, "nsegw-remote");
        thread.setDaemon(true);
        thread.start();
        log.info("Remote configuration: {} trusted operator(s) {}; changes confirmed within {} s, rolled back after {} s without uplink",
                operators.names().size(), operators.names(), config.confirmSeconds(), config.uplinkLossSeconds());
    }

    /** The live health report for the status command (status.json has it too, up to 5 s old). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GatewayHealth health;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEndpoint(UplinkEndpoint e) {
        endpoint = e;
        endpointChanged = true;
    }

    void unbindEndpoint(UplinkEndpoint e) {
        if (endpoint == e) {
            endpoint = null;
            endpointChanged = true;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(15_000);
        log.info("Remote configuration stopped: {}", counters());
    }

    Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void count(String counter) {
        counters.get(counter).incrementAndGet();
    }

    // --- the thread ---

    private void run() {
        while (running) {
            try {
                connectIfNeeded();
                Incoming in = incoming.poll(TICK_MS, TimeUnit.MILLISECONDS);
                if (in != null) {
                    handle(in);
                }
                tick();
                drainAudit();
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                log.error("Remote: {}; carrying on", e.toString(), e);
            }
        }
        if (link != null) {
            link.close();
        }
    }

    private boolean connected() {
        UplinkEndpoint e = endpoint;
        return link != null && link.connected() && e != null && e.connected();
    }

    private void connectIfNeeded() {
        if (endpointChanged) {
            endpointChanged = false;
            if (link != null) {
                link.close();
                link = null;
            }
            backoff = FIRST_BACKOFF_MS;
            nextAttempt = 0;
        }
        UplinkEndpoint e = endpoint;
        if (e == null || (link != null && link.connected()) || System.nanoTime() - nextAttempt < 0) {
            return;
        }
        if (check == null || !gatewayId.equals(e.gatewayId())) {
            gatewayId = e.gatewayId();
            check = new CommandCheck(gatewayId, operators, replays, Duration.ofSeconds(config.maxCommandSeconds()));
        }
        String clientId = e.clientId() + "-remote";
        RemoteLink l = "3.1.1".equals(e.mqttVersion()) ? new PahoV3RemoteLink(e, clientId) : new PahoV5RemoteLink(e, clientId);
        try {
            l.connect(topic(e, "command"), new RemoteLink.Listener() {
                @Override
                public void command(byte[] payload, byte[] correlation) {
                    incoming.add(new Incoming(payload, correlation));
                }

                @Override
                public void lost(String reason) {
                    log.warn("Remote: connection lost: {}", reason);
                }
            });
            link = l;
            backoff = FIRST_BACKOFF_MS;
            log.info("Remote: listening on {} as {}", topic(e, "command"), clientId);
        } catch (IOException ex) {
            l.close();
            log.warn("Remote offline: {}; trying again in {} s", ex.getMessage(), backoff / 1000);
            nextAttempt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
            backoff = Math.min(backoff * 2, LAST_BACKOFF_MS);
        }
    }

    private static String topic(UplinkEndpoint e, String leaf) {
        return e.topicPrefix() + "/" + e.gatewayId() + "/" + leaf;
    }

    private void tick() {
        Optional<CommitConfirm.Rollback> r = trial.tick(clock.instant(), connected());
        if (r.isEmpty()) {
            return;
        }
        CommitConfirm.Trial t = r.get().trial();
        String why = r.get().reason() == CommitConfirm.Reason.UPLINK_LOST
                ? "the uplink was lost for " + config.uplinkLossSeconds() + " s before it was confirmed"
                : "not confirmed within " + config.confirmSeconds() + " s";
        count("rollbacks");
        ObjectNode audit = JSON.createObjectNode().put("time", clock.instant().toString()).put("gatewayId", gatewayId)
                .put("kind", "rollback").put("changeId", t.changeId()).put("operator", t.operator()).put("snapshot", t.snapshot())
                .put("reason", why);
        try {
            restore(t.snapshot());
            files.trial(Optional.empty());
            audit.put("status", "done");
            log.warn("Remote: change {} of {} rolled back to snapshot {}: {}", t.changeId(), t.operator(), t.snapshot(), why);
        } catch (Failed | IOException e) {
            audit.put("status", "failed").put("error", e.getMessage());
            log.error("ALARM remote: rolling back change {} to {} failed: {}", t.changeId(), t.snapshot(), e.getMessage());
        }
        writeAudit(audit);
    }

    private void restore(String snapshotId) throws Failed, IOException {
        JsonNode snapshot = files.snapshot(snapshotId).orElseThrow(() -> new Failed(true, "no snapshot " + snapshotId));
        List<Setting> overlay = new ArrayList<>();
        for (JsonNode s : snapshot.path("overlay")) {
            overlay.add(Setting.parse(s.asText()));
        }
        SiteOverlay.Outcome o = site.apply(overlay);
        if (!o.applied()) {
            throw new Failed(true, "snapshot " + snapshotId + " does not apply: " + String.join("; ", o.problems()));
        }
    }

    private void drainAudit() {
        UplinkEndpoint e = endpoint;
        RemoteLink l = link;
        if (e == null || l == null || !l.connected()) {
            return;
        }
        try {
            for (int i = 0; i < 100; i++) {
                Optional<RemoteFiles.Unsent> next = files.nextUnsent();
                if (next.isEmpty()) {
                    return;
                }
                l.publish(topic(e, "audit"), next.get().line().getBytes(StandardCharsets.UTF_8), null);
                files.auditSent(next.get().end());
                count("auditSent");
            }
        } catch (IOException ex) {
            log.debug("Remote: audit not sent now ({}); it waits in {}", ex.getMessage(), files.dir().resolve("audit.jsonl"));
        }
    }

    // --- commands ---

    private void handle(Incoming in) {
        count("commands");
        Instant now = clock.instant();
        ObjectNode reply = JSON.createObjectNode().put("gatewayId", gatewayId).put("time", now.toString());
        ObjectNode audit = JSON.createObjectNode().put("time", now.toString()).put("gatewayId", gatewayId).put("kind", "command");
        Command c;
        try {
            c = Command.parse(in.payload());
        } catch (Command.Malformed e) {
            reply.put("commandId", e.commandId()).put("status", "refused").put("reason", e.getMessage());
            audit.put("commandId", e.commandId()).put("status", "refused").put("reason", e.getMessage());
            count("refused");
            log.warn("Remote: command {} refused: {}", e.commandId(), e.getMessage());
            finish(reply, audit, in.correlation(), e.commandId());
            return;
        }
        reply.put("commandId", c.id()).put("action", c.action()).put("operator", c.operator());
        audit.put("commandId", c.id()).put("action", c.action()).put("operator", c.operator()).set("args", masked(c.args()));
        Optional<String> refusal;
        try {
            refusal = check == null ? Optional.of("the gateway is not ready for commands") : check.refusal(c, now);
        } catch (RuntimeException e) {
            refusal = Optional.of("the nonce cannot be kept (" + e.getMessage() + "); not obeyed");
        }
        if (refusal.isPresent()) {
            reply.put("status", "refused").put("reason", refusal.get());
            audit.put("status", "refused").put("reason", refusal.get());
            count("refused");
            log.warn("Remote: command {} ({} from {}) refused: {}", c.id(), c.action(), c.operator(), refusal.get());
        } else {
            try {
                JsonNode result = execute(c, now);
                reply.put("status", "done").set("result", result);
                audit.put("status", "done").set("result", summary(c.action(), result));
                count("done");
                log.info("Remote: command {} ({} from {}) done", c.id(), c.action(), c.operator());
            } catch (Failed e) {
                String status = e.refused ? "refused" : "failed";
                reply.put("status", status).put("reason", e.getMessage());
                audit.put("status", status).put("reason", e.getMessage());
                count(status);
                log.warn("Remote: command {} ({} from {}) {}: {}", c.id(), c.action(), c.operator(), status, e.getMessage());
            } catch (IOException | RuntimeException e) {
                reply.put("status", "failed").put("reason", e.toString());
                audit.put("status", "failed").put("reason", e.toString());
                count("failed");
                log.error("Remote: command {} ({} from {}) failed: {}", c.id(), c.action(), c.operator(), e.toString(), e);
            }
        }
        finish(reply, audit, in.correlation(), c.id());
    }

    /** The reply (correlation data: the command's, or else its id) and the audit line. */
    private void finish(ObjectNode reply, ObjectNode audit, byte[] correlation, String commandId) {
        writeAudit(audit);
        UplinkEndpoint e = endpoint;
        RemoteLink l = link;
        if (e == null || l == null) {
            return;
        }
        byte[] corr = correlation != null ? correlation : commandId.getBytes(StandardCharsets.UTF_8);
        try {
            l.publish(topic(e, "reply"), reply.toString().getBytes(StandardCharsets.UTF_8), corr);
        } catch (IOException ex) {
            log.warn("Remote: the reply to {} was not sent: {} (the audit log has it)", commandId, ex.getMessage());
        }
    }

    private void writeAudit(ObjectNode line) {
        try {
            files.audit(line);
        } catch (IOException e) {
            log.error("ALARM remote: the audit log cannot be written: {}; line: {}", e.getMessage(), line);
        }
    }

    private JsonNode execute(Command c, Instant now) throws Failed, IOException {
        ObjectNode args = c.args();
        return switch (c.action()) {
            case "get" -> get(args.path("target").asText(""));
            case "set" -> set(c, now);
            case "snapshots" -> {
                ArrayNode list = JSON.createArrayNode();
                files.snapshots().forEach(list::add);
                yield JSON.createObjectNode().set("snapshots", list);
            }
            case "snapshot" -> JSON.createObjectNode().put("snapshot", files.writeSnapshot(settingsText(site.settings()),
                    "by " + c.operator() + (args.path("note").asText("").isEmpty() ? "" : ": " + args.path("note").asText()),
                    c.operator(), now, config.snapshotsKept()));
            case "rollback" -> rollback(c, now);
            case "restart" -> {
                String target = required(args, "target");
                SiteOverlay.Outcome o = site.restart(target);
                if (!o.applied()) {
                    throw new Failed(true, String.join("; ", o.problems()));
                }
                yield JSON.createObjectNode().put("restarted", target);
            }
            case "log" -> logTail(args.path("lines").asInt(50));
            case "status" -> status();
            case "confirm" -> {
                Optional<CommitConfirm.Trial> t = trial.confirm();
                files.trial(Optional.empty());
                if (t.isEmpty()) {
                    throw new Failed(true, "nothing to confirm: no change is on trial");
                }
                yield JSON.createObjectNode().put("confirmed", t.get().changeId());
            }
            default -> throw new Failed(true, "unknown action " + c.action());
        };
    }

    private static String required(ObjectNode args, String field) throws Failed {
        String v = args.path(field).asText("");
        if (v.isEmpty()) {
            throw new Failed(true, "args." + field + " is missing");
        }
        return v;
    }

    private JsonNode get(String target) throws Failed {
        ArrayNode configs = JSON.createArrayNode();
        for (PlannedConfiguration p : site.configurations()) {
            boolean section = SiteCompiler.SECTIONS.stream().anyMatch(s -> s.key().equals(target) && s.pid().equals(p.pid()) && !p.isFactory());
            if (target.isEmpty() || section || p.name().equals(target) || p.pid().equals(target) || p.displayId().equals(target)) {
                ObjectNode n = configs.addObject().put("pid", p.pid()).put("name", p.name());
                ObjectNode props = n.putObject("properties");
                var secrets = site.secretIds(p.pid());
                p.properties().forEach((k, v) -> {
                    if (secrets.contains(k)) {
                        props.put(k, "********");
                    } else {
                        props.set(k, JSON.valueToTree(v));
                    }
                });
            }
        }
        if (configs.isEmpty()) {
            throw new Failed(true, "there is no section, lane, device or pid '" + target + "' in force");
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("configurations", configs);
        ArrayNode overlay = out.putArray("overlay");
        shown(site.settings()).forEach(overlay::add);
        return out;
    }

    private JsonNode set(Command c, Instant now) throws Failed, IOException {
        JsonNode settings = c.args().get("settings");
        if (settings == null || !settings.isObject() || settings.isEmpty()) {
            throw new Failed(true, "args.settings must be an object of \"TARGET.KEY\": value (null: back to the site file)");
        }
        Map<String, JsonNode> changes = new LinkedHashMap<>();
        settings.fields().forEachRemaining(e -> changes.put(e.getKey(), e.getValue()));
        List<Setting> before = site.settings();
        List<Setting> next;
        try {
            next = OverlayEdit.apply(before, changes);
        } catch (IllegalArgumentException e) {
            throw new Failed(true, e.getMessage());
        }
        String snapshot = files.writeSnapshot(settingsText(before), "before " + c.id(), c.operator(), now, config.snapshotsKept());
        SiteOverlay.Outcome o = site.apply(next);
        if (!o.applied()) {
            files.deleteSnapshot(snapshot);
            throw new Failed(true, "invalid, nothing applied: " + String.join("; ", o.problems()));
        }
        CommitConfirm.Trial t = trial.changed(c.id(), snapshot, c.operator(), now);
        files.trial(Optional.of(t));
        ObjectNode out = JSON.createObjectNode().put("snapshot", t.snapshot()).put("confirmBy", t.deadline().toString());
        ArrayNode overlay = out.putArray("overlay");
        shown(next).forEach(overlay::add);
        return out;
    }

    private JsonNode rollback(Command c, Instant now) throws Failed, IOException {
        String id = required(c.args(), "snapshot");
        if (files.snapshot(id).isEmpty()) {
            throw new Failed(true, "no snapshot " + id + " (the 'snapshots' command lists them)");
        }
        String before = files.writeSnapshot(settingsText(site.settings()), "before rollback " + c.id(), c.operator(), now,
                config.snapshotsKept());
        restore(id);
        trial.confirm(); // a rollback ends any trial: the operator chose the state
        files.trial(Optional.empty());
        return JSON.createObjectNode().put("restored", id).put("snapshot", before);
    }

    private JsonNode logTail(int lines) throws Failed, IOException {
        if (lines < 1 || lines > MAX_LOG_LINES) {
            throw new Failed(true, "args.lines must be from 1 to " + MAX_LOG_LINES);
        }
        Path f = data.resolve("log").resolve("nsegw.0.log");
        if (!Files.exists(f)) {
            throw new Failed(false, "no log file " + f);
        }
        String text;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
            long from = Math.max(0, raf.length() - 512 * 1024);
            raf.seek(from);
            byte[] b = new byte[(int) (raf.length() - from)];
            raf.readFully(b);
            text = new String(b, StandardCharsets.UTF_8);
        }
        List<String> all = text.lines().toList();
        ArrayNode out = JSON.createArrayNode();
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::add);
        return JSON.createObjectNode().set("lines", out);
    }

    private JsonNode status() throws Failed, IOException {
        Path f = data.resolve("status.json");
        if (!Files.exists(f)) {
            throw new Failed(false, "no status yet (" + f + ")");
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("status", JSON.readTree(f.toFile()));
        GatewayHealth h = health;
        if (h != null) {
            out.set("health", JSON.readTree(h.reportJson()));
        }
        out.set("remote", JSON.valueToTree(counters()));
        trial.trial().ifPresent(t -> out.putObject("onTrial").put("changeId", t.changeId()).put("confirmBy", t.deadline().toString())
                .put("snapshot", t.snapshot()));
        return out;
    }

    private static List<String> settingsText(List<Setting> settings) {
        return settings.stream().map(Setting::toString).toList();
    }

    /** The overlay as shown in replies: values of keys that look like secrets hidden. */
    private static List<String> shown(List<Setting> settings) {
        return settings.stream().map(s -> s.key().toLowerCase(java.util.Locale.ROOT).contains("password")
                ? s.target() + "." + s.key() + "=********" : s.toString()).toList();
    }

    /** Arguments for the audit log, with anything that looks like a secret hidden. */
    private static JsonNode masked(ObjectNode args) {
        ObjectNode copy = args.deepCopy();
        JsonNode settings = copy.get("settings");
        if (settings instanceof ObjectNode s) {
            List<String> names = new ArrayList<>();
            s.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (n.toLowerCase(java.util.Locale.ROOT).contains("password")) {
                    s.put(n, "********");
                }
            }
        }
        return copy;
    }

    /** What the audit keeps of a result: not the log lines or the whole status. */
    private static JsonNode summary(String action, JsonNode result) {
        return switch (action) {
            case "log", "status", "get", "snapshots" -> JSON.createObjectNode().put("returned", action);
            default -> result;
        };
    }
}
