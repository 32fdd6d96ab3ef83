package org.nsegw.site.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
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
 * <p>Without that property (inside Eclipse Kura, say) this component does nothing: configurations come from
 * elsewhere.
 */
@Component(service = {})
public final class SiteConfigurator {

    private final ServiceRegistration<SiteState> registration;

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
        List<SiteCompiler.Setting> settings;
        try {
            String text = context.getProperty(GatewayProperties.SITE_SETTINGS);
            settings = text == null ? List.of()
                    : text.lines().filter(l -> !l.isBlank()).map(SiteCompiler.Setting::parse).toList();
        } catch (IllegalArgumentException e) {
            settings = null;
            log.error("{}", e.getMessage());
        }
        SiteState state = settings == null ? new Outcome(false, List.of("invalid " + GatewayProperties.SITE_SETTINGS), "")
                : configure(context, configAdmin, log, siteFile, profilesDir, settings);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SiteState.STATE, state.applied() ? SiteState.APPLIED : SiteState.INVALID);
        props.put(SiteState.FILE, site);
        props.put(SiteState.PROBLEMS, state.problems().toArray(String[]::new));
        if (state instanceof Outcome o && !o.gatewayId().isEmpty()) {
            props.put(SiteState.GATEWAY_ID, o.gatewayId());
        }
        registration = context.registerService(SiteState.class, state, props);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }

    private record Outcome(boolean applied, List<String> problems, String gatewayId) implements SiteState {
    }

    private static SiteState configure(BundleContext context, ConfigurationAdmin configAdmin, Logger log,
            Path siteFile, Path profilesDir, List<SiteCompiler.Setting> settings) {
        SitePlan plan;
        SiteCompiler compiler;
        try {
            compiler = new SiteCompiler(SiteCompiler.index(schemas(context, log)), DeviceProfiles.load(profilesDir));
            plan = compiler.compile(siteFile.toString(), SiteFiles.read(siteFile), settings);
        } catch (IOException e) {
            Problem p = new Problem(Location.of(siteFile.toString()), "cannot read: " + e.getMessage());
            log.error("{}", p);
            return new Outcome(false, List.of(p.toString()), "");
        }
        if (!plan.isValid()) {
            log.error("Site file {} has {} problem(s); nothing applied:", siteFile, plan.problems().size());
            plan.problems().forEach(p -> log.error("  {}", p));
            return new Outcome(false, plan.problems().stream().map(Problem::toString).toList(), "");
        }
        try {
            apply(configAdmin, plan, compiler, log);
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            String p = siteFile + ": applying the configuration failed: " + e;
            log.error(p, e);
            return new Outcome(false, List.of(p), "");
        }
        log.info("Site file {} applied: gateway {}, {} configurations{}", siteFile, plan.gatewayId(),
                plan.configurations().size(), settings.isEmpty() ? "" : ", with " + settings);
        return new Outcome(true, List.of(), plan.gatewayId());
    }

    /** Creates or updates the planned configurations and deletes those an earlier site file left behind. */
    private static void apply(ConfigurationAdmin configAdmin, SitePlan plan, SiteCompiler compiler, Logger log)
            throws IOException, InvalidSyntaxException {
        Set<String> kept = new HashSet<>();
        for (PlannedConfiguration planned : plan.configurations()) {
            Configuration c = planned.isFactory()
                    ? configAdmin.getFactoryConfiguration(planned.pid(), planned.name(), "?")
                    : configAdmin.getConfiguration(planned.pid(), "?");
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
