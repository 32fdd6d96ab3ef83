package org.nsegw.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.felix.framework.FrameworkFactory;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.api.runtime.Readiness;
import org.nsegw.api.runtime.SiteState;
import org.nsegw.site.SiteCompiler;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * Apache Felix embedded in this process, with the distribution's bundles installed and started. The gateway's
 * bundles tell how they are doing through service properties ({@link SiteState}, {@link Readiness}), which this
 * class reads without sharing classes with them.
 */
final class EmbeddedGateway {

    private final Framework framework;
    private final List<Bundle> bundles;
    private final List<String> startFailures;

    private EmbeddedGateway(Framework framework, List<Bundle> bundles, List<String> startFailures) {
        this.framework = framework;
        this.bundles = bundles;
        this.startFailures = List.copyOf(startFailures);
    }

    /** Bundles that refused to start, with the framework's reason. */
    List<String> startFailures() {
        return startFailures;
    }

    /**
     * Starts the framework and every bundle of the distribution.
     *
     * @param site     the site file to apply
     * @param data     the data directory
     * @param profiles the device profile directory
     * @param settings settings on top of the site file
     */
    static EmbeddedGateway start(Distribution dist, Path site, Path data, Path profiles, List<SiteCompiler.Setting> settings)
            throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, data.resolve("cache").resolve("felix").toString());
        // The site file is the source of truth: every start begins from a clean framework state.
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(GatewayProperties.SITE_FILE, site.toAbsolutePath().toString());
        props.put(GatewayProperties.DATA_DIR, data.toAbsolutePath().toString());
        props.put(GatewayProperties.PROFILES_DIR, profiles.toAbsolutePath().toString());
        props.put(GatewayProperties.SITE_SETTINGS, String.join("\n", settings.stream().map(SiteCompiler.Setting::toString).toList()));
        props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(Distribution.TOP_START_LEVEL));
        props.put("felix.log.level", "1"); // the framework's own console output: errors only; the rest goes to the log
        props.put("org.apache.felix.log.maxSize", "1000"); // history the log writer replays at its start
        props.put("ds.loglevel", "warn");
        Framework framework = new FrameworkFactory().newFramework(props);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : dist.bundleJars()) {
            // by reference: the framework reads the jar where it is instead of copying it into its cache at every start
            // (the OpenCV bundle alone is 110 MB: a quarter of a second and that much flash written per start)
            Bundle b = context.installBundle("reference:" + jar.toUri());
            b.adapt(BundleStartLevel.class).setStartLevel(Distribution.startOrder(jar));
            installed.add(b);
        }
        framework.start();
        // Reach the top start level before starting the bundles, so that each one starts in the loop below, in
        // order, and a bundle that refuses to start is reported here rather than later on the framework's thread.
        FrameworkStartLevel levels = framework.adapt(FrameworkStartLevel.class);
        if (levels.getStartLevel() < Distribution.TOP_START_LEVEL) {
            java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
            levels.setStartLevel(Distribution.TOP_START_LEVEL, e -> reached.countDown());
            if (!reached.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the framework did not reach start level " + Distribution.TOP_START_LEVEL);
            }
        }
        List<String> failures = new ArrayList<>();
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    b.start();
                } catch (BundleException e) {
                    failures.add(b.getSymbolicName() + ": " + e.getMessage());
                }
            }
        }
        return new EmbeddedGateway(framework, installed, failures);
    }

    /** The outcome of applying the site file. */
    record SiteOutcome(boolean applied, List<String> problems) {
    }

    /** Waits until the site configurator has read the site file; empty if it did not within {@code timeout}. */
    Optional<SiteOutcome> awaitSite(Duration timeout) throws InterruptedException {
        return await("(objectClass=" + SiteState.class.getName() + ")", ref -> true, timeout)
                .map(ref -> new SiteOutcome(SiteState.APPLIED.equals(ref.getProperty(SiteState.STATE)),
                        strings(ref.getProperty(SiteState.PROBLEMS))));
    }

    /** The components' readiness as last published. */
    record ReadinessView(boolean ready, int active, List<String> pending) {
    }

    /** Waits until every configured component is active; after {@code timeout}, returns the state as it is. */
    ReadinessView awaitReady(Duration timeout) throws InterruptedException {
        String filter = "(objectClass=" + Readiness.class.getName() + ")";
        Optional<ServiceReference<?>> ref = await(filter, r -> Boolean.TRUE.equals(r.getProperty(Readiness.READY)), timeout);
        if (ref.isEmpty()) {
            ref = current(filter).stream().findFirst();
        }
        return ref.map(r -> new ReadinessView(Boolean.TRUE.equals(r.getProperty(Readiness.READY)),
                        r.getProperty(Readiness.ACTIVE) instanceof Integer i ? i : 0, strings(r.getProperty(Readiness.PENDING))))
                .orElse(new ReadinessView(false, 0, List.of("health: the status board did not start (see the log)")));
    }

    /** Bundles that should be active and are not, with their state. */
    List<String> inactiveBundles() {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : bundles) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                inactive.add(b.getSymbolicName() + " " + b.getVersion() + ": " + stateName(b.getState()));
            }
        }
        return inactive;
    }

    /** Stops every bundle and the framework; false if that took longer than {@code timeout}. */
    boolean stop(Duration timeout) throws BundleException, InterruptedException {
        framework.stop();
        FrameworkEvent event = framework.waitForStop(timeout.toMillis());
        return event.getType() != FrameworkEvent.WAIT_TIMEDOUT;
    }

    /** Blocks until the framework has stopped, whoever stopped it. */
    void awaitStopped() throws InterruptedException {
        framework.waitForStop(0);
    }

    private Optional<ServiceReference<?>> await(String filter, Predicate<ServiceReference<?>> done, Duration timeout)
            throws InterruptedException {
        BundleContext context = framework.getBundleContext();
        BlockingQueue<Object> changes = new LinkedBlockingQueue<>();
        // An AllServiceListener: a plain one would not hear of services whose classes the launcher loads itself.
        AllServiceListener listener = changes::offer;
        try {
            context.addServiceListener(listener, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (ServiceReference<?> ref : current(filter)) {
                    if (done.test(ref)) {
                        return Optional.of(ref);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || changes.poll(left, TimeUnit.NANOSECONDS) == null) {
                    return Optional.empty();
                }
            }
        } finally {
            context.removeServiceListener(listener);
        }
    }

    private List<ServiceReference<?>> current(String filter) {
        try {
            // All references: the launcher sees the API classes from its own class path, so the framework would hide
            // the services as "incompatible"; only their properties are read here.
            ServiceReference<?>[] refs = framework.getBundleContext().getAllServiceReferences(null, filter);
            return refs == null ? List.of() : Arrays.asList(refs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    private static List<String> strings(Object value) {
        return value instanceof String[] a ? List.of(a) : List.of();
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed but not resolved (a dependency is missing)";
            case Bundle.RESOLVED -> "resolved but not started";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.UNINSTALLED -> "uninstalled";
            default -> "state " + state;
        };
    }
}
