package org.nsegw.health.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Which component configurations are active and which are not yet, and why. A component that has no
 * configuration is idle, not pending: the site simply has no device or section for it.
 *
 * @param active  how many component configurations are active (or satisfied and waiting to be used)
 * @param pending each configured component that is not active, as {@code name[instance]: reason}
 */
record ComponentCensus(int active, List<String> pending) {

    enum State {
        ACTIVE, IDLE, WAITING, FAILED
    }

    /**
     * One component configuration as the runtime reports it.
     *
     * @param name     the component name
     * @param instance the configuration's id property or PID, empty for unconfigured components
     * @param state    its state
     * @param detail   what it waits for or why it failed
     */
    record View(String name, String instance, State state, String detail) {
    }

    ComponentCensus {
        pending = List.copyOf(pending);
    }

    static ComponentCensus of(List<View> views) {
        int active = 0;
        List<String> pending = new ArrayList<>();
        for (View v : views) {
            switch (v.state()) {
                case ACTIVE -> active++;
                case IDLE -> { }
                case WAITING, FAILED -> pending.add(shortName(v.name()) + (v.instance().isEmpty() ? "" : "[" + v.instance() + "]")
                        + ": " + (v.state() == State.FAILED ? "failed: " : "waiting for ") + v.detail());
            }
        }
        pending.sort(null);
        return new ComponentCensus(active, pending);
    }

    boolean ready() {
        return pending.isEmpty();
    }

    /** {@code org.nsegw.weigh.internal.WeighSensor} → {@code weigh.WeighSensor}. */
    static String shortName(String name) {
        return name.startsWith("org.nsegw.") ? name.substring("org.nsegw.".length()).replace(".internal.", ".") : name;
    }
}
