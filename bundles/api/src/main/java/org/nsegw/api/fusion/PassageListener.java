package org.nsegw.api.fusion;

import org.osgi.annotation.versioning.ConsumerType;

/** Registered by whoever judges or records passages. */
@ConsumerType
public interface PassageListener {

    /** A passage is complete: its reads arrived or its fusion window closed. Return quickly. */
    void passage(Passage passage);
}
