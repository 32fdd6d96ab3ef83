package org.nsegw.evidence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = EvidenceConfig.PID, name = "Evidence packets",
        description = "Every verdict becomes one signed evidence packet, chained per gateway and stored in the outbox "
                + "until the platform acknowledges it. Optional: without this section the defaults apply.")
@interface EvidenceConfig {

    String PID = "org.nsegw.evidence";

    @AttributeDefinition(name = "Signature algorithm",
            description = "Ed25519 (verifiable with stock OpenSSL 3), SM2 with SM3 (国密, for systems that require it) or "
                    + "ECDSA P-256 with SHA-256 (the algorithm of keys in a PKCS#11 token)",
            options = {@Option(value = "Ed25519", label = "Ed25519"), @Option(value = "SM2", label = "SM2 / SM3"),
                    @Option(value = "ECDSA-P256", label = "ECDSA P-256")})
    String signing_algorithm() default "Ed25519";

    @AttributeDefinition(name = "Key folder", required = false,
            description = "where the gateway's key pair is kept (created on first start, owner-only); empty: <data>/keys; "
                    + "a relative path is taken from the data directory")
    String signing_keyDirectory() default "";

    @AttributeDefinition(name = "Key store",
            description = "files: the key pair in the key folder; pkcs11: a key generated inside a PKCS#11 token (a "
                    + "hardware security module, or SoftHSM2), which never leaves it (needs signing.algorithm ECDSA-P256)",
            options = {@Option(value = "files", label = "key files"), @Option(value = "pkcs11", label = "PKCS#11 token")})
    String signing_keyStore() default "files";

    @AttributeDefinition(name = "PKCS#11 library", required = false,
            description = "the token's PKCS#11 library (SoftHSM2 from Debian: /usr/lib/softhsm/libsofthsm2.so)")
    String pkcs11_library() default "/usr/lib/softhsm/libsofthsm2.so";

    @AttributeDefinition(name = "PKCS#11 token", required = false, description = "the label of the token holding the key")
    String pkcs11_token() default "nsegw";

    @AttributeDefinition(name = "PKCS#11 PIN", required = false, type = AttributeType.PASSWORD,
            description = "the token's user PIN")
    String pkcs11_pin() default "";

    @AttributeDefinition(name = "PKCS#11 key label", required = false,
            description = "the label of the gateway's key in the token; generated there on first start")
    String pkcs11_keyLabel() default "nsegw-gateway";

    @AttributeDefinition(name = "Outbox quota (MiB)", min = "16", max = "10485760",
            description = "disk space the outbox may use; cases are never dropped for it, compliant records' images are "
                    + "shed first and new compliant records refused when it is full")
    int outbox_quotaMb() default 10240;

    @AttributeDefinition(name = "Retention (days)", min = "1", max = "3650",
            description = "how long acknowledged packets stay in the outbox before they are purged")
    int outbox_retentionDays() default 30;

    @AttributeDefinition(name = "Alarm at (%)", min = "1", max = "100",
            description = "an ALARM is logged when the outbox uses this share of its quota")
    int outbox_alarmPercent() default 80;

    @AttributeDefinition(name = "Outcomes packed",
            description = "which verdicts become packets: violations and reviews are cases, compliant passages records",
            options = {@Option(value = "VIOLATION", label = "violations"), @Option(value = "REVIEW", label = "cases for review"),
                    @Option(value = "COMPLIANT", label = "compliant passages")})
    String[] outcomes() default {"VIOLATION", "REVIEW", "COMPLIANT"};

    @AttributeDefinition(name = "Queue", min = "10", max = "1000000",
            description = "verdicts waiting to be packed and stored; when it is full (the outbox has been failing for a "
                    + "long time) further verdicts are refused with an ERROR naming the passage")
    int queue_capacity() default 10000;

    @AttributeDefinition(name = "Drain time limit (s)", min = "0", max = "600",
            description = "on stop, how long the queued verdicts may take to be stored; those left are logged as ERROR")
    int queue_drainSeconds() default 30;

    @AttributeDefinition(name = "Checkpoint every (packets)", min = "1", max = "1000000",
            description = "a signed checkpoint (Merkle tree head over all manifests so far) after this many packets")
    int checkpoint_everyPackets() default 100;

    @AttributeDefinition(name = "Checkpoint every (minutes)", min = "1", max = "1440",
            description = "a signed checkpoint after this time when packets came since the last one; also one at stop")
    int checkpoint_everyMinutes() default 15;
}
