package org.nsegw.api.device;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A legal verification (检定) certificate of a measuring device. Results of a device without a valid
 * certificate cannot support a case.
 *
 * @param certificateId the certificate number issued by the metrology centre
 * @param expires       the last day on which the certificate is valid
 */
public record Verification(String certificateId, LocalDate expires) {

    public Verification {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(expires, "expires");
        if (certificateId.isBlank()) {
            throw new IllegalArgumentException("certificate id is blank");
        }
    }

    /** Whether the certificate covers {@code day} (the expiry day itself included). */
    public boolean isValidOn(LocalDate day) {
        return !day.isAfter(expires);
    }
}
