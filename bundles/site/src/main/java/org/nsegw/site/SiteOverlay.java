package org.nsegw.site;

import java.util.List;
import java.util.Set;

/**
 * The running gateway's site file with settings on top that came later (remote configuration, {@code docs/remote.md}):
 * registered as a service by the site configurator once the site file is applied. Every change is checked whole
 * against the metatype of every installed bundle and the device profiles, as the site file is, and applied all or
 * nothing; the overlay is kept in the data directory, so that the gateway starts with it again.
 */
public interface SiteOverlay {

    /** What became of a change: applied, or not at all with every problem. */
    record Outcome(boolean applied, List<String> problems) {

        public Outcome {
            problems = List.copyOf(problems);
        }
    }

    /** The overlay in force, in order (a later setting of the same key wins). */
    List<SiteCompiler.Setting> settings();

    /** The configurations in force: the site file with the command line's and the overlay's settings. */
    List<PlannedConfiguration> configurations();

    /** The ids of the properties of {@code pid} that are secrets (shown as asterisks). */
    Set<String> secretIds(String pid);

    /**
     * Replaces the overlay: checks the site file with {@code overlay} on top; if it is valid, writes the overlay file and
     * applies every configuration; otherwise changes nothing.
     */
    Outcome apply(List<SiteCompiler.Setting> overlay);

    /**
     * Restarts the component of a section, lane or device: its configuration is given again (with a property
     * {@code nsegw.restarted}), so Declarative Services deactivates and activates it.
     *
     * @param target a section key, lane id or device id
     */
    Outcome restart(String target);
}
