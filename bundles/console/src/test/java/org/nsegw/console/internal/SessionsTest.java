package org.nsegw.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nsegw.console.internal.Sessions.Session;

class SessionsTest {

    private final SteppingClock clock = new SteppingClock();
    private final Sessions sessions = new Sessions(new SecureRandom(), clock, Duration.ofMinutes(30));

    @Test
    void aNewSessionIsNotLoggedInAndHasItsOwnToken() {
        Session a = sessions.open();
        Session b = sessions.open();
        assertThat(a.loggedIn()).isFalse();
        assertThat(a.id()).isNotEqualTo(b.id()).hasSize(43);
        assertThat(a.csrfToken()).isNotEqualTo(b.csrfToken()).isNotEqualTo(a.id());
        assertThat(sessions.find(a.id())).hasValueSatisfying(s -> assertThat(s.csrfToken()).isEqualTo(a.csrfToken()));
    }

    @Test
    void loggingInReplacesTheSessionSoThatAPlantedIdIsWorthNothing() {
        Session before = sessions.open();
        Session after = sessions.logIn(Optional.of(before));
        assertThat(after.loggedIn()).isTrue();
        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(after.csrfToken()).isNotEqualTo(before.csrfToken());
        assertThat(sessions.find(before.id())).isEmpty();
        assertThat(sessions.find(after.id())).hasValueSatisfying(s -> assertThat(s.loggedIn()).isTrue());
    }

    @Test
    void aSessionEndsAfterItsIdleTimeButEachRequestExtendsIt() {
        Session s = sessions.logIn(Optional.empty());
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id())).as("seen 29 min ago").isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.find(s.id())).as("idle 30 min").isEmpty();
    }

    @Test
    void logoutEndsTheSession() {
        Session s = sessions.logIn(Optional.empty());
        sessions.end(s.id());
        assertThat(sessions.find(s.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("made-up")).isEmpty();
    }

    @Test
    void csrfTokensMatchExactly() {
        Session s = sessions.open();
        assertThat(s.csrfMatches(s.csrfToken())).isTrue();
        assertThat(s.csrfMatches(null)).isFalse();
        assertThat(s.csrfMatches("")).isFalse();
        assertThat(s.csrfMatches(s.csrfToken().substring(1))).isFalse();
        assertThat(s.csrfMatches(s.csrfToken() + "A")).isFalse();
        assertThat(s.csrfMatches(sessions.open().csrfToken())).isFalse();
    }

    @Test
    void aFloodOfAnonymousSessionsCannotPushOutALoggedInOne() {
        Session installer = sessions.logIn(Optional.empty());
        for (int i = 0; i < Sessions.MAX_SESSIONS * 3; i++) {
            sessions.open();
        }
        assertThat(sessions.size()).isLessThanOrEqualTo(Sessions.MAX_SESSIONS);
        assertThat(sessions.find(installer.id())).isPresent();
    }
}
