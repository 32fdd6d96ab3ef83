package org.nsegw.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final SteppingClock clock = new SteppingClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(5));

    @Test
    void theThirdWrongPasswordPausesLoginsFromThatAddressOnly() {
        assertThat(throttle.failed("10.0.0.5")).isFalse();
        assertThat(throttle.failed("10.0.0.5")).isFalse();
        assertThat(throttle.refusedFor("10.0.0.5")).isEmpty();
        assertThat(throttle.failed("10.0.0.5")).as("third failure starts the pause").isTrue();
        assertThat(throttle.refusedFor("10.0.0.5")).hasValue(Duration.ofMinutes(5));
        assertThat(throttle.refusedFor("10.0.0.6")).isEmpty();

        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.refusedFor("10.0.0.5")).hasValue(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.refusedFor("10.0.0.5")).isEmpty();
        assertThat(throttle.failed("10.0.0.5")).as("the count starts again after a pause").isFalse();
    }

    @Test
    void aRightPasswordClearsTheCount() {
        throttle.failed("10.0.0.5");
        throttle.failed("10.0.0.5");
        throttle.succeeded("10.0.0.5");
        assertThat(throttle.failed("10.0.0.5")).isFalse();
        assertThat(throttle.failed("10.0.0.5")).isFalse();
        assertThat(throttle.refusedFor("10.0.0.5")).isEmpty();
    }

    @Test
    void manyAddressesCannotFillMemory() {
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES * 2; i++) {
            throttle.failed("addr-" + i);
        }
        throttle.failed("last");
        throttle.failed("last");
        assertThat(throttle.failed("last")).isTrue();
    }
}
