package org.nsegw.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetupPasswordTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void generatedPasswordsAreLongUnambiguousAndDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String p = SetupPassword.generate(random);
            assertThat(p).matches("[" + SetupPassword.ALPHABET + "]{5}(-[" + SetupPassword.ALPHABET + "]{5}){3}");
            assertThat(p).doesNotContain("0", "O", "1", "l", "I");
            assertThat(seen.add(p)).as("repeated password %s", p).isTrue();
        }
    }

    @Test
    void onlyTheRightPasswordMatchesAndTheStoredFormKeepsNoPassword() {
        String password = SetupPassword.generate(random);
        SetupPassword hashed = SetupPassword.hash(password.toCharArray(), random, 1_000);
        assertThat(hashed.matches(password.toCharArray())).isTrue();
        assertThat(hashed.matches((password + "x").toCharArray())).isFalse();
        assertThat(hashed.matches(password.toUpperCase().toCharArray())).isFalse();
        assertThat(hashed.matches(new char[0])).isFalse();

        String stored = hashed.stored();
        assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain(password);
        SetupPassword read = SetupPassword.parse(stored + "\n");
        assertThat(read.matches(password.toCharArray())).isTrue();
        assertThat(read.matches("wrong".toCharArray())).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        SetupPassword a = SetupPassword.hash("same".toCharArray(), random, 1_000);
        SetupPassword b = SetupPassword.hash("same".toCharArray(), random, 1_000);
        assertThat(a.stored()).isNotEqualTo(b.stored());
    }

    @Test
    void theDefaultCostIsWhatOwaspAsksFor() {
        assertThat(SetupPassword.ITERATIONS).isGreaterThanOrEqualTo(600_000);
    }

    @Test
    void aDamagedHashIsRefusedWithWhatToDo() {
        for (String damaged : new String[] {"", "plain-text-password", "pbkdf2-sha256$x$AAAA$AAAA",
                "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA", "md5$1$a$b", "pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$"
                + "A".repeat(43) + "="}) {
            assertThatThrownBy(() -> SetupPassword.parse(damaged)).as(damaged)
                    .hasMessageContaining("delete it and restart the gateway");
        }
    }
}
