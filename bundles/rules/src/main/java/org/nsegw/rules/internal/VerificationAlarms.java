package org.nsegw.rules.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.weigh.WeighRecord;

/** Decides when a weigh device without a valid verification raises an alarm: once per device and day. */
final class VerificationAlarms {

    private final ZoneId zone;
    private final Map<String, LocalDate> lastAlarm = new HashMap<>();

    VerificationAlarms(ZoneId zone) {
        this.zone = zone;
    }

    /** The alarm text, the first time a device's verification problem shows on a day; else empty. */
    synchronized Optional<String> check(Verdict verdict) {
        WeighRecord weigh = verdict.passage().weigh();
        if (weigh == null) {
            return Optional.empty();
        }
        for (Finding f : verdict.findings()) {
            if (f.code().startsWith("VERIFICATION_")) {
                LocalDate day = OverweightJudgement.siteTime(verdict.passage().time(), zone).toLocalDate();
                if (day.equals(lastAlarm.put(weigh.deviceId(), day))) {
                    return Optional.empty();
                }
                return Optional.of("weigh sensor " + weigh.deviceId() + ": " + f.code() + ", no overweight case from it"
                        + " until its verification is renewed (" + f.explanation() + ")");
            }
        }
        return Optional.empty();
    }
}
