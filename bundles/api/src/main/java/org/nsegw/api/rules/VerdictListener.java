package org.nsegw.api.rules;

import org.osgi.annotation.versioning.ConsumerType;

/** Registered by whoever turns verdicts into evidence. */
@ConsumerType
public interface VerdictListener {

    /** A passage has been judged. Return quickly. */
    void verdict(Verdict verdict);
}
