package org.nsegw.api.vision;

import org.osgi.annotation.versioning.ConsumerType;

/** Registered by whoever wants the cleanliness observations of the gateway's site cameras. */
@ConsumerType
public interface ObservationListener {

    /** A detector has observed something and its evidence is durable. Return quickly. */
    void observed(Observation observation);
}
