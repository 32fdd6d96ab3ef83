package org.nsegw.remote.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.nsegw.remote", name = "Remote configuration",
        description = "Signed operator commands over MQTT on the uplink's broker: get and set configuration, snapshots,"
                + " rollback, restart, log, status; changes are rolled back unless confirmed.")
@interface RemoteConfig {

    @AttributeDefinition(name = "Operators", cardinality = 100,
            description = "the operators whose commands are obeyed, NAME: PUBLICKEY, the key the base64 of an Ed25519 public"
                    + " key (SubjectPublicKeyInfo) as 'nsegw remote keygen' prints it")
    String[] operators();

    @AttributeDefinition(name = "Confirm within (s)", min = "5", max = "86400",
            description = "a change not confirmed this long after it is applied is rolled back")
    int confirmSeconds() default 300;

    @AttributeDefinition(name = "Uplink loss (s)", min = "0", max = "3600",
            description = "a change not yet confirmed is rolled back when the uplink has been down this long")
    int uplinkLossSeconds() default 30;

    @AttributeDefinition(name = "Snapshots kept", min = "1", max = "1000", description = "how many snapshots are kept")
    int snapshotsKept() default 20;

    @AttributeDefinition(name = "Longest command life (s)", min = "10", max = "86400",
            description = "a command whose expiry is further ahead than this is refused")
    int maxCommandSeconds() default 600;
}
