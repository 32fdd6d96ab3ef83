package org.nsegw.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormTest {

    private static Form parse(String body) throws Form.Malformed {
        return Form.parse(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsEncodedFields() throws Exception {
        Form f = parse("csrf=abc-_&password=a%2Bb+c%26%3D&name=%E6%B5%99A");
        assertThat(f.get("csrf")).hasValue("abc-_");
        assertThat(f.get("password")).hasValue("a+b c&=");
        assertThat(f.get("name")).hasValue("浙A");
        assertThat(f.get("missing")).isEmpty();
        assertThat(parse("").get("x")).isEmpty();
        assertThat(parse("a=").get("a")).hasValue("");
    }

    @Test
    void refusesMalformedBodies() {
        for (String bad : new String[] {"password", "=x", "a=1&a=2", "a=%", "a=%4", "a=%zz", "a=%C3%28", "a=\u00e9", "a=b\nc"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(Form.Malformed.class);
        }
    }
}
