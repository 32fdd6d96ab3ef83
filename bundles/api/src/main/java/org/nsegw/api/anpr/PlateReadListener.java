package org.nsegw.api.anpr;

import org.osgi.annotation.versioning.ConsumerType;

/** Registered by whoever wants the plate reads of the gateway's cameras. */
@ConsumerType
public interface PlateReadListener {

    /** A plate has been read and its images are durable. Called on the receiver's thread: return quickly. */
    void plateRead(PlateRead read);
}
