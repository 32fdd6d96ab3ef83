package org.nsegw.site.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.api.runtime.SiteState;
import org.nsegw.site.ConfigSchema;
import org.nsegw.site.DeviceProfiles;
import org.nsegw.site.Location;
import org.nsegw.site.MetatypeXml;
import org.nsegw.site.PlannedConfiguration;
import org.nsegw.site.Problem;
import org.nsegw.site.SiteCompiler;
import org.nsegw.site.SiteFiles;
import org.nsegw.site.SiteOverlay;
import org.nsegw.site.SitePlan;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Applies the site file named by the framework property {@value GatewayProperties#SITE_FILE} to Configuration Admin,
 * after checking it against the metatype of every installed bundle. An invalid file is applied not at all: the
 * problems are logged and published in a {@link SiteState} service for the launcher, which refuses to run.
 *
 * <p>Settings that came later (remote configuration) are kept in {@code <data>/remote/overlay.settings}, one
 * {@code TARGET.KEY=VALUE} a line, and applied on top of the site file and the command line's settings, checked with
 * them as one; an overlay that no longer fits (the site file or a bundle changed) is left out, with an error in the
 * log, rather than keep the gateway from starting. While the site is applied a {@link SiteOverlay} service takes
 * changes to it.
 *
 * <p>Without that property (inside Eclipse Kura, say) this component does nothing: configurations come from
 * elsewhere.
 */
@Component(service = {})
public final class SiteConfigurator {

    /** Where the overlay lives in the data directory. */
    public static final String OVERLAY_FILE = "remote/overlay.settings";
    /** The property a restart adds to a configuration, so that it differs and the component is activated again. */
    public static final String RESTARTED = "nsegw.restarted";

    private final ServiceRegistration<SiteState> registration;
    private ServiceRegistration<SiteOverlay> overlayRegistration;

    @Activate
    public SiteConfigurator(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference(service = LoggerFactory.class) Logger log) {
        String site = context.getProperty(GatewayProperties.SITE_FILE);
        if (site == null || site.isBlank()) {
            log.info("No site file given (framework property {}): configurations come from elsewhere",
                    GatewayProperties.SITE_FILE);
            registration = null;
            return;
        }
        Path siteFile = Path.of(site);
        Path profilesDir = SiteFiles.profilesDir(siteFile, context.getProperty(GatewayProperties.PROFILES_DIR));
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        Path overlayFile = data == null || data.isBlank() ? null : Path.of(data).resolve(OVERLAY_FILE);
        List<SiteCompiler.Setting> settings;
        try {
            String text = context.getProperty(GatewayProperties.SITE_SETTINGS);
            settings = text == null ? List.of()
                    : text.lines().filter(l -> !l.isBlank()).map(SiteCompiler.Setting::parse).toList();
        } catch (IllegalArgumentException e) {
            settings = null;
            log.error("{}", e.getMessage());
        }
        Running running = null;
        SiteState state;
        if (settings == null) {
            state = new SiteOutcome(false, List.of("invalid " + GatewayProperties.SITE_SETTINGS), "");
        } else {
            running = new Running(configAdmin, log, siteFile, profilesDir, settings, overlayFile);
            state = running.start(context);
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SiteState.STATE, state.applied() ? SiteState.APPLIED : SiteState.INVALID);
        props.put(SiteState.FILE, site);
        props.put(SiteState.PROBLEMS, state.problems().toArray(String[]::new));
        if (state instanceof SiteOutcome o && !o.gatewayId().isEmpty()) {
            props.put(SiteState.GATEWAY_ID, o.gatewayId());
        }
        registration = context.registerService(SiteState.class, state, props);
        if (state.applied() && running != null) {
            overlayRegistration = context.registerService(SiteOverlay.class, running, null);
        }
    }

    @Deactivate
    void deactivate() {
        if (overlayRegistration != null) {
            overlayRegistration.unregister();
        }
        if (registration != null) {
            registration.unregister();
        }
    }

    private record SiteOutcome(boolean applied, List<String> problems, String gatewayId) implements SiteState {
    }

    /** The applied site: its file, the command line's settings and the overlay, and the plan in force. */
    private static final class Running implements SiteOverlay {

        private final ConfigurationAdmin configAdmin;
        private final Logger log;
        private final Path siteFile;
        private final Path profilesDir;
        private final List<SiteCompiler.Setting> commandLine;
        private final Path overlayFile;
        private SiteCompiler compiler;
        private List<SiteCompiler.Setting> overlay = List.of();
        private SitePlan plan;

        Running(ConfigurationAdmin configAdmin, Logger log, Path siteFile, Path profilesDir, List<SiteCompiler.Setting> commandLine,
                Path overlayFile) {
            this.configAdmin = configAdmin;
            this.log = log;
            this.siteFile = siteFile;
            this.profilesDir = profilesDir;
            this.commandLine = commandLine;
            this.overlayFile = overlayFile;
        }

        synchronized SiteState start(BundleContext context) {
            String text;
            try {
                compiler = new SiteCompiler(SiteCompiler.index(schemas(context, log)), DeviceProfiles.load(profilesDir));
                text = SiteFiles.read(siteFile);
            } catch (IOException e) {
                Problem p = new Problem(Location.of(siteFile.toString()), "cannot read: " + e.getMessage());
                log.error("{}", p);
                return new SiteOutcome(false, List.of(p.toString()), "");
            }
            List<SiteCompiler.Setting> stored = readOverlay();
            if (!stored.isEmpty()) {
                SitePlan withOverlay = compiler.compile(siteFile.toString(), text, concat(commandLine, stored));
                if (withOverlay.isValid()) {
                    overlay = stored;
                    log.info("Remote overlay {}: {} setting(s) on top of the site file: {}", overlayFile, stored.size(), stored);
                } else {
                    log.error("ALARM remote overlay {} does not fit the site file any more and is left out ({} problem(s)):",
                            overlayFile, withOverlay.problems().size());
                    withOverlay.problems().forEach(p -> log.error("  {}", p));
                }
            }
            SitePlan compiled = compiler.compile(siteFile.toString(), text, concat(commandLine, overlay));
            if (!compiled.isValid()) {
                log.error("Site file {} has {} problem(s); nothing applied:", siteFile, compiled.problems().size());
                compiled.problems().forEach(p -> log.error("  {}", p));
                return new SiteOutcome(false, compiled.problems().stream().map(Problem::toString).toList(), "");
            }
            try {
                applyPlan(compiled);
            } catch (IOException | InvalidSyntaxException | RuntimeException e) {
                String p = siteFile + ": applying the configuration failed: " + e;
                log.error(p, e);
                return new SiteOutcome(false, List.of(p), "");
            }
            plan = compiled;
            log.info("Site file {} applied: gateway {}, {} configurations{}", siteFile, compiled.gatewayId(),
                    compiled.configurations().size(), commandLine.isEmpty() ? "" : ", with " + commandLine);
            return new SiteOutcome(true, List.of(), compiled.gatewayId());
        }

        private List<SiteCompiler.Setting> readOverlay() {
            if (overlayFile == null || !Files.exists(overlayFile)) {
                return List.of();
            }
            try (Stream<String> lines = Files.lines(overlayFile, StandardCharsets.UTF_8)) {
                return lines.filter(l -> !l.isBlank() && !l.startsWith("#")).map(SiteCompiler.Setting::parse).toList();
            } catch (IOException | RuntimeException e) {
                log.error("ALARM remote overlay {} cannot be read and is left out: {}", overlayFile, e.getMessage());
                return List.of();
            }
        }

        private static List<SiteCompiler.Setting> concat(List<SiteCompiler.Setting> a, List<SiteCompiler.Setting> b) {
            List<SiteCompiler.Setting> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        @Override
        public synchronized List<SiteCompiler.Setting> settings() {
            return overlay;
        }

        @Override
        public synchronized List<PlannedConfiguration> configurations() {
            return plan.configurations();
        }

        @Override
        public synchronized Set<String> secretIds(String pid) {
            return compiler.secretIds(pid);
        }

        @Override
        public synchronized SiteOverlay.Outcome apply(List<SiteCompiler.Setting> next) {
            for (SiteCompiler.Setting s : next) {
                if (s.toString().contains("\n") || s.toString().contains("\r")) {
                    return new SiteOverlay.Outcome(false, List.of(s.target() + "." + s.key() + ": a value cannot span lines"));
                }
            }
            String text;
            try {
                text = SiteFiles.read(siteFile);
            } catch (IOException e) {
                return new SiteOverlay.Outcome(false, List.of(siteFile + ": cannot read: " + e.getMessage()));
            }
            SitePlan compiled = compiler.compile(siteFile.toString(), text, concat(commandLine, next));
            if (!compiled.isValid()) {
                return new SiteOverlay.Outcome(false, compiled.problems().stream().map(SiteConfigurator::withoutSetPrefix).toList());
            }
            try {
                writeOverlay(next);
            } catch (IOException e) {
                return new SiteOverlay.Outcome(false, List.of("cannot write " + overlayFile + ": " + e.getMessage()));
            }
            try {
                applyPlan(compiled);
            } catch (IOException | InvalidSyntaxException | RuntimeException e) {
                log.error("Applying the remote overlay failed: {}; the earlier one is applied again", e.toString(), e);
                try {
                    writeOverlay(overlay);
                    applyPlan(plan);
                } catch (IOException | InvalidSyntaxException | RuntimeException again) {
                    log.error("ALARM applying the earlier configuration again failed too: {}", again.toString(), again);
                }
                return new SiteOverlay.Outcome(false, List.of("applying failed: " + e.getMessage()));
            }
            overlay = List.copyOf(next);
            plan = compiled;
            log.info("Remote overlay applied: {} setting(s) on top of the site file: {}", next.size(), next);
            return new SiteOverlay.Outcome(true, List.of());
        }

        private void writeOverlay(List<SiteCompiler.Setting> settings) throws IOException {
            if (overlayFile == null) {
                throw new IOException("the gateway has no data directory (framework property " + GatewayProperties.DATA_DIR + ")");
            }
            Files.createDirectories(overlayFile.getParent());
            Path tmp = overlayFile.resolveSibling(overlayFile.getFileName() + ".tmp");
            StringBuilder b = new StringBuilder("# remote configuration on top of the site file (docs/remote.md); written by the gateway\n");
            settings.forEach(s -> b.append(s).append('\n'));
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(b.toString()));
                channel.force(true);
            }
            Files.move(tmp, overlayFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public synchronized SiteOverlay.Outcome restart(String target) {
            List<PlannedConfiguration> matching = plan.configurations().stream()
                    .filter(c -> c.name().equals(target) || (!c.isFactory() && sectionPid(target).equals(c.pid()))).toList();
            if (matching.isEmpty()) {
                return new SiteOverlay.Outcome(false, List.of("there is no section, lane or device '" + target + "' in force"));
            }
            try {
                for (PlannedConfiguration planned : matching) {
                    Configuration c = configuration(planned);
                    Hashtable<String, Object> props = new Hashtable<>(planned.properties());
                    props.put(RESTARTED, System.currentTimeMillis());
                    c.update(props);
                }
            } catch (IOException | RuntimeException e) {
                return new SiteOverlay.Outcome(false, List.of("restarting " + target + " failed: " + e.getMessage()));
            }
            log.info("Restarted {} (its configuration given again)", target);
            return new SiteOverlay.Outcome(true, List.of());
        }

        private static String sectionPid(String key) {
            return SiteCompiler.SECTIONS.stream().filter(s -> s.key().equals(key) && !s.list()).map(SiteCompiler.Section::pid)
                    .findFirst().orElse("");
        }

        private Configuration configuration(PlannedConfiguration planned) throws IOException {
            return planned.isFactory() ? configAdmin.getFactoryConfiguration(planned.pid(), planned.name(), "?")
                    : configAdmin.getConfiguration(planned.pid(), "?");
        }

        /** Creates or updates the planned configurations and deletes those an earlier site file left behind. */
        private void applyPlan(SitePlan plan) throws IOException, InvalidSyntaxException {
            Set<String> kept = new HashSet<>();
            for (PlannedConfiguration planned : plan.configurations()) {
                Configuration c = configuration(planned);
                boolean changed = c.updateIfDifferent(new Hashtable<>(planned.properties()));
                kept.add(c.getPid());
                log.debug("{} {}", changed ? "Set" : "Unchanged", planned.describe(compiler.secretIds(planned.pid())));
            }
            Configuration[] earlier = configAdmin.listConfigurations("(" + SiteCompiler.SITE_MARKER + "=*)");
            for (Configuration c : earlier == null ? new Configuration[0] : earlier) {
                if (!kept.contains(c.getPid())) {
                    log.info("Removing configuration {}: no longer in the site file", c.getPid());
                    c.delete();
                }
            }
        }
    }

    /** A problem of a remote setting reads "--set uplink.x=1: ..." from the compiler; remote operators never typed --set. */
    private static String withoutSetPrefix(Problem p) {
        String text = p.toString();
        return text.startsWith("--set ") ? "setting " + text.substring(6) : text;
    }

    /** The metatype of every installed bundle. */
    private static List<ConfigSchema> schemas(BundleContext context, Logger log) {
        List<ConfigSchema> schemas = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            Enumeration<URL> entries = b.findEntries("OSGI-INF/metatype", "*.xml", false);
            for (URL url : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
                try (InputStream in = url.openStream()) {
                    schemas.addAll(MetatypeXml.read(in, b.getSymbolicName() + url.getPath()));
                } catch (IOException e) {
                    log.warn("Ignoring unreadable metatype {} of {}: {}", url.getPath(), b.getSymbolicName(), e.getMessage());
                }
            }
        }
        return schemas;
    }
}
