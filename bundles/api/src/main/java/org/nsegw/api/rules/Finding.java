package org.nsegw.api.rules;

import java.util.Objects;

/**
 * One reason behind a verdict.
 *
 * @param code        a stable code, e.g. {@code OVERWEIGHT_GROSS}, {@code POSTED_LIMIT}, {@code VERIFICATION_EXPIRED}
 * @param legalBasis  the provision it rests on, e.g. 《超限运输车辆行驶公路管理规定》第三条; empty when none
 * @param explanation what was measured against what, in words an officer can read
 */
public record Finding(String code, String legalBasis, String explanation) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(explanation, "explanation");
    }
}
