package org.nsegw.itest.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A deployment package installed into Kura 5.0's OSGi runtime (Equinox 3.16, Felix SCR 2.1.16, Equinox CM and
 * Metatype, the OSGi util bundle) the way a DeploymentAdmin installs it: the bundles read from the package's stream
 * in order, installed at {@code osgi-dp:<symbolic name>}, then started. This test bundle exports Kura's
 * {@code ConfigurableComponent}, so the adapter bundle finds Kura and offers our configurations under it. No
 * configuration is applied from a site file (there is no {@code nsegw.site}), as inside Kura.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class KuraDeploymentTest {

    static final long TIMEOUT_MS = 20_000;
    /** What Kura 5.0 runs, besides its own bundles: the only providers our bundles may be wired to. */
    static final Set<String> KURA = Set.of("org.eclipse.osgi", "org.eclipse.osgi.services", "org.eclipse.osgi.util",
            "org.eclipse.equinox.cm", "org.eclipse.equinox.metatype", "org.apache.felix.scr");
    static final List<String> SINGLETON_PIDS = List.of("org.nsegw.anpr.receiver", "org.nsegw.evidence",
            "org.nsegw.gateway", "org.nsegw.health", "org.nsegw.log", "org.nsegw.rules.cleanliness", "org.nsegw.rules.overweight",
            "org.nsegw.uplink");
    static final String OFFERED = "(nsegw.kura.offeredBy=org.nsegw.kura)";

    final Map<String, Bundle> packaged = new LinkedHashMap<>();

    @BeforeAll
    void deploy(@InjectBundleContext BundleContext context) throws Exception {
        Path dp = Path.of(context.getProperty("nsegw.dp"));
        List<Bundle> installed = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(dp))) {
            Manifest manifest = in.getManifest();
            assertThat(manifest).as("the manifest comes first").isNotNull();
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                String bsn = manifest.getAttributes(e.getName()).getValue("Bundle-SymbolicName");
                try (InputStream bundle = new ByteArrayInputStream(in.readAllBytes())) {
                    Bundle b = context.installBundle("osgi-dp:" + bsn, bundle);
                    installed.add(b);
                    packaged.put(bsn, b);
                }
            }
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    @Test
    void everyPackagedBundleStartsWithOnlyWhatKuraProvides() {
        Set<String> problems = new TreeSet<>();
        for (Bundle b : packaged.values()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (b.getState() != (fragment ? Bundle.RESOLVED : Bundle.ACTIVE)) {
                problems.add(b.getSymbolicName() + " is in state " + b.getState());
                continue;
            }
            BundleWiring wiring = b.adapt(BundleWiring.class);
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                String provider = wire.getProvider().getBundle().getSymbolicName();
                boolean allowed = packaged.containsKey(provider) || KURA.contains(provider)
                        || (b.getSymbolicName().equals("org.nsegw.kura")
                                && wire.getCapability().getAttributes().get("osgi.wiring.package").equals("org.eclipse.kura.configuration"));
                if (!allowed) {
                    problems.add(b.getSymbolicName() + " wired to " + provider + " for " + wire.getCapability());
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(packaged).containsKeys("org.nsegw.api", "org.nsegw.kura", "org.nsegw.weigh", "org.nsegw.anpr",
                "org.nsegw.uplink", "org.xerial.sqlite-jdbc", "bcprov");
    }

    @Test
    void everySingletonPidIsOfferedToKura(@InjectService(filter = OFFERED + "(!(service.factoryPid=*))",
            cardinality = 8, timeout = TIMEOUT_MS) ServiceAware<ConfigurableComponent> offered) {
        Map<String, ServiceReference<ConfigurableComponent>> byPid = new LinkedHashMap<>();
        for (ServiceReference<ConfigurableComponent> ref : offered.getServiceReferences()) {
            assertThat(byPid.put((String) ref.getProperty(Constants.SERVICE_PID), ref)).as("one service per pid").isNull();
            assertThat(ref.getProperty("kura.service.pid")).isEqualTo(ref.getProperty(Constants.SERVICE_PID));
            assertThat(ref.getBundle().getSymbolicName()).isEqualTo("org.nsegw.kura");
        }
        assertThat(byPid.keySet()).containsExactlyInAnyOrderElementsOf(SINGLETON_PIDS);
        assertThat(offered.getService()).as("a proxy of Kura's interface").isInstanceOf(ConfigurableComponent.class);
    }

    @Test
    void eachConfigurationOfAFactoryPidIsOfferedWhileItExists(@InjectBundleContext BundleContext context,
            @InjectService ConfigurationAdmin configAdmin) throws Exception {
        // as Kura's ConfigurationService creates a factory component: a factory configuration named by kura.service.pid
        Configuration lane = configAdmin.createFactoryConfiguration("org.nsegw.fusion.lane", "?");
        String named = "(&" + OFFERED + "(service.pid=" + lane.getPid() + "))";
        CountDownLatch registered = latch(context, named, ServiceEvent.REGISTERED);
        CountDownLatch unregistered = latch(context, named, ServiceEvent.UNREGISTERING);
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("id", "L1");
        p.put("kura.service.pid", "lane-L1");
        lane.update(p);
        assertThat(registered.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).as("offered").isTrue();
        ServiceReference<?>[] refs = context.getServiceReferences(ConfigurableComponent.class.getName(), named);
        assertThat(refs).hasSize(1);
        assertThat(refs[0].getProperty("kura.service.pid")).isEqualTo("lane-L1");
        assertThat(refs[0].getProperty("service.factoryPid")).isEqualTo("org.nsegw.fusion.lane");

        // a configuration Kura did not make is known by its service pid
        Configuration sensor = configAdmin.createFactoryConfiguration("org.nsegw.weigh.sensor", "?");
        String sensorFilter = "(&" + OFFERED + "(service.pid=" + sensor.getPid() + "))";
        CountDownLatch sensorRegistered = latch(context, sensorFilter, ServiceEvent.REGISTERED);
        Dictionary<String, Object> s = new Hashtable<>();
        s.put("id", "wim-L1");
        sensor.update(s);
        assertThat(sensorRegistered.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(context.getServiceReferences(ConfigurableComponent.class.getName(), sensorFilter)[0]
                .getProperty("kura.service.pid")).isEqualTo(sensor.getPid());

        lane.delete();
        assertThat(unregistered.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).as("withdrawn with its configuration").isTrue();
        sensor.delete();
    }

    private static CountDownLatch latch(BundleContext context, String filter, int type) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        ServiceListener listener = event -> {
            if (event.getType() == type) {
                latch.countDown();
            }
        };
        context.addServiceListener(listener, "(&(objectClass=" + ConfigurableComponent.class.getName() + ")" + filter + ")");
        return latch;
    }
}
