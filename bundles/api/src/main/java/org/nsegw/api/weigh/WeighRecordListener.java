package org.nsegw.api.weigh;

import org.osgi.annotation.versioning.ConsumerType;

/** Registered by whoever wants the weigh records of the gateway's sensors (fusion, the installer console...). */
@ConsumerType
public interface WeighRecordListener {

    /** A vehicle has been weighed. Called on the sensor's thread: return quickly. */
    void weighed(WeighRecord record);
}
