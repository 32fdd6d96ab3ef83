package org.nsegw.rules.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageListener;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.rules.VerdictListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Judges every passage fusion makes with whichever rules the site has (overweight, cleanliness, both or none), and
 * hands the one verdict to every {@link VerdictListener}. A listener that throws is logged and does not keep the
 * verdict from the others.
 */
@Component(service = PassageListener.class, immediate = true)
public final class RulesEngine implements PassageListener {

    private final Logger log;
    private final ZoneId zone;
    private final VerificationAlarms alarms;
    private volatile OverweightSettings overweight;
    private volatile CleanlinessSettings cleanliness;
    private volatile Rules rules;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<VerdictListener> listeners = List.of();

    @Activate
    public RulesEngine(@Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this(log, ZoneId.systemDefault()); // the launcher sets the JVM's zone to the site's
    }

    RulesEngine(Logger log, ZoneId zone) {
        this.log = log;
        this.zone = zone;
        this.alarms = new VerificationAlarms(zone);
        this.rules = new Rules(null, null, zone);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void setOverweight(OverweightRules component) {
        overweight = component.settings();
        rebuild();
    }

    synchronized void unsetOverweight(OverweightRules component) {
        if (overweight == component.settings()) {
            overweight = null;
            rebuild();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void setCleanliness(CleanlinessRules component) {
        cleanliness = component.settings();
        rebuild();
    }

    synchronized void unsetCleanliness(CleanlinessRules component) {
        if (cleanliness == component.settings()) {
            cleanliness = null;
            rebuild();
        }
    }

    /** For tests and the plain-classpath tools: the settings to judge with. */
    synchronized void use(OverweightSettings overweight, CleanlinessSettings cleanliness) {
        this.overweight = overweight;
        this.cleanliness = cleanliness;
        rebuild();
    }

    /** For tests: the listeners to hand verdicts to, as DS would inject them. */
    void listeners(List<VerdictListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void rebuild() {
        rules = new Rules(overweight, cleanliness, zone);
        log.info("Rules: overweight {}, cleanliness {}", overweight == null ? "off" : "on", cleanliness == null ? "off" : "on");
    }

    @Override
    public void passage(Passage passage) {
        Verdict verdict;
        try {
            verdict = rules.judge(passage);
        } catch (RuntimeException e) {
            log.error("Passage {} could not be judged", passage.id(), e);
            return;
        }
        log.info("Verdict {}: {} [{}]", passage.id(), verdict.outcome(),
                verdict.findings().stream().map(Finding::code).collect(Collectors.joining(", ")));
        alarms.check(verdict).ifPresent(a -> log.warn("ALARM {}", a));
        for (VerdictListener l : listeners) {
            try {
                l.verdict(verdict);
            } catch (RuntimeException e) {
                log.error("A verdict listener failed on the verdict of passage {}", passage.id(), e);
            }
        }
    }
}
