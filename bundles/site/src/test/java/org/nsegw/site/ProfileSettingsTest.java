package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileSettingsTest {

    @Test
    void aProfileGivesItsSettingsOverTheComponentDefaults() {
        SiteCompiler compiler = Fixtures.realCompiler();
        SiteCompiler.ProfileSettings s = compiler.profileSettings("weigh/toledo-continuous");
        assertThat(s.problems()).isEmpty();
        assertThat(s.pid()).isEqualTo("org.nsegw.weigh.sensor");
        Map<String, Object> p = s.properties();
        assertThat(p).containsEntry("protocol", "toledo-continuous")
                .containsEntry("serial.baud", 9600)
                .containsEntry("serial.dataBits", 7)
                .containsEntry("serial.parity", "even")
                .containsEntry("units", "kg")
                .containsEntry("serial.rs485", false) // a default
                .containsEntry("profile", "weigh/toledo-continuous")
                .containsEntry("model", "Mettler Toledo terminal, continuous output")
                .doesNotContainKey("port")
                .doesNotContainKey("lane");
    }

    @Test
    void anUnknownProfileIsAProblem() {
        SiteCompiler.ProfileSettings s = Fixtures.realCompiler().profileSettings("weigh/nope");
        assertThat(s.properties()).isEmpty();
        assertThat(s.problems()).singleElement().asString().contains("profile 'weigh/nope' not found");
    }
}
