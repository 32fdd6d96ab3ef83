package org.nsegw.kura.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * Inside Eclipse Kura, offers every configuration of our bundles to Kura's ConfigurationService. Kura manages only
 * components registered as {@code org.eclipse.kura.configuration.ConfigurableComponent} (a marker interface); ours
 * are plain Declarative Services components, so for each of them this registers a proxy of that interface with the
 * properties Kura reads ({@link KuraServiceProperties}): one per singleton pid of an active {@code org.nsegw.*}
 * bundle's metatype, and one per configuration of its factory pids (lanes, devices) as configurations come and go.
 * Kura then shows them in its web UI, takes them into its snapshots and applies cloud configuration to them.
 *
 * <p>The interface is found at run time through a dynamic import, so that the build needs none of Kura's jars
 * (they are not on Maven Central). Without Kura, on the embedded Felix runtime, the class is not there and this
 * component registers nothing.
 */
@Header(name = "DynamicImport-Package", value = "org.eclipse.kura.configuration")
@Component(service = {}, immediate = true)
public final class ConfigurableComponents {

    static final String MARKER = "org.eclipse.kura.configuration.ConfigurableComponent";
    static final String OUR_BUNDLES = "org.nsegw.";

    private final BundleContext context;
    private final MetaTypeService metaType;
    private final ConfigurationAdmin configAdmin;
    private final Logger log;
    private final Class<?> marker;
    private BundleTracker<Designates> bundles;
    private ServiceRegistration<ConfigurationListener> listener;

    /** Our registrations by service pid. */
    private final Map<String, ServiceRegistration<?>> offered = new HashMap<>();
    /** The factory pids of the tracked bundles. */
    private final Set<String> factoryPids = new HashSet<>();

    /** The pids one bundle's metatype designates. */
    record Designates(List<String> pids, List<String> factoryPids) {
    }

    @Activate
    public ConfigurableComponents(BundleContext context, @Reference(name = "metaType") MetaTypeService metaType,
            @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.metaType = metaType;
        this.configAdmin = configAdmin;
        this.log = log;
        this.marker = findMarker(ConfigurableComponents.class.getClassLoader()).orElse(null);
        if (marker == null) {
            log.info("No Kura ConfigurationService API ({}): configurations stay with Configuration Admin alone", MARKER);
            return;
        }
        log.info("Kura's {} found: offering the gateway's configurations to Kura", MARKER);
        listener = context.registerService(ConfigurationListener.class, this::configurationEvent, null);
        bundles = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public Designates addingBundle(Bundle bundle, BundleEvent event) {
                return bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith(OUR_BUNDLES)
                        ? offer(bundle) : null;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, Designates designates) {
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Designates designates) {
                withdraw(designates);
            }
        });
        bundles.open();
    }

    /** The Kura marker interface as the given loader sees it, or empty without Kura. */
    static Optional<Class<?>> findMarker(ClassLoader loader) {
        try {
            Class<?> c = Class.forName(MARKER, false, loader);
            return c.isInterface() ? Optional.of(c) : Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    @Deactivate
    void deactivate() {
        if (bundles != null) {
            bundles.close();
        }
        if (listener != null) {
            listener.unregister();
        }
        synchronized (this) {
            offered.values().forEach(ConfigurableComponents::unregisterQuietly);
            offered.clear();
        }
    }

    private synchronized Designates offer(Bundle bundle) {
        MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
        if (info == null) {
            return null;
        }
        Designates designates = new Designates(List.of(info.getPids()), List.of(info.getFactoryPids()));
        if (designates.pids().isEmpty() && designates.factoryPids().isEmpty()) {
            return null;
        }
        for (String pid : designates.pids()) {
            register(pid, KuraServiceProperties.singleton(pid));
        }
        for (String factoryPid : designates.factoryPids()) {
            factoryPids.add(factoryPid);
            for (Configuration c : configurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + factoryPid + ")")) {
                offerFactoryInstance(c);
            }
        }
        log.info("{}: {} offered to Kura as configurable components, factories {}", bundle.getSymbolicName(),
                designates.pids(), designates.factoryPids());
        return designates;
    }

    private synchronized void withdraw(Designates designates) {
        designates.pids().forEach(this::unregister);
        for (String factoryPid : designates.factoryPids()) {
            factoryPids.remove(factoryPid);
            List<String> instances = new ArrayList<>();
            offered.forEach((pid, registration) -> {
                if (factoryPid.equals(registration.getReference().getProperty(ConfigurationAdmin.SERVICE_FACTORYPID))) {
                    instances.add(pid);
                }
            });
            instances.forEach(this::unregister);
        }
    }

    /** Follows the configurations of our factory pids: Kura's UI, its cloud configuration or a snapshot made them. */
    private synchronized void configurationEvent(ConfigurationEvent event) {
        if (event.getFactoryPid() == null || !factoryPids.contains(event.getFactoryPid())) {
            return;
        }
        switch (event.getType()) {
            case ConfigurationEvent.CM_UPDATED -> configurations("(" + org.osgi.framework.Constants.SERVICE_PID + "="
                    + event.getPid() + ")").forEach(this::offerFactoryInstance);
            case ConfigurationEvent.CM_DELETED -> unregister(event.getPid());
            default -> {
                // the location of a configuration does not matter to Kura
            }
        }
    }

    private void offerFactoryInstance(Configuration c) {
        Dictionary<String, Object> properties = c.getProperties();
        if (properties == null) {
            return; // created, not yet updated: CM_UPDATED follows
        }
        Dictionary<String, Object> wanted = KuraServiceProperties.factoryInstance(c.getPid(), c.getFactoryPid(),
                properties.get(KuraServiceProperties.KURA_SERVICE_PID));
        ServiceRegistration<?> current = offered.get(c.getPid());
        if (current != null && wanted.get(KuraServiceProperties.KURA_SERVICE_PID)
                .equals(current.getReference().getProperty(KuraServiceProperties.KURA_SERVICE_PID))) {
            return;
        }
        unregister(c.getPid());
        register(c.getPid(), wanted);
    }

    private void register(String servicePid, Dictionary<String, Object> properties) {
        if (offered.containsKey(servicePid)) {
            return;
        }
        Object proxy = Proxy.newProxyInstance(marker.getClassLoader(), new Class<?>[] {marker}, (self, method, args) ->
                switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    case "toString" -> "ConfigurableComponent[" + servicePid + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        offered.put(servicePid, context.registerService(MARKER, proxy, properties));
    }

    private void unregister(String servicePid) {
        ServiceRegistration<?> registration = offered.remove(servicePid);
        if (registration != null) {
            unregisterQuietly(registration);
        }
    }

    private static void unregisterQuietly(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping this bundle
        }
    }

    private List<Configuration> configurations(String filter) {
        try {
            Configuration[] found = configAdmin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("Cannot list the configurations {}: {}", filter, e.toString());
            return List.of();
        }
    }
}
