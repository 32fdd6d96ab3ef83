package org.nsegw.weigh.internal.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One byte fixture: a small text file with the bytes a device sent and what the codec must make of them.
 *
 * <pre>
 * # comment
 * hex: 02 2B 30 30 32 30 30 30 32 31 42 03     bytes, in hex (several lines are joined in order)
 * text: V,20261123184512345,2,62.5\n            bytes as text, with \n \r \t \\ and \xHH escapes
 * modbus.unit: 1                               a device-profile setting for the codec
 * request: 01 03 00 14 00 02 84 0F             what request() must return
 * timeout: yes                                 call timeout() after the bytes
 * expect: value weight=20.00 unit=UNKNOWN tare=- flags=- bytes=12
 * expect: CHECKSUM bytes=18 detail~checksum 0x11
 * pending: 0                                   bytes left in the codec at the end (default 0)
 * </pre>
 */
record Fixture(String name, byte[] input, Map<String, String> settings, String request, boolean timeout,
        List<String> expected, int pending) {

    static Stream<Fixture> all(String protocol) {
        try {
            Path dir = Path.of(Fixture.class.getResource("/fixtures/" + protocol).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> sorted = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
                return sorted.stream().map(Fixture::read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Fixture read(Path file) {
        try {
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            Map<String, String> settings = new LinkedHashMap<>();
            List<String> expected = new ArrayList<>();
            String request = null;
            boolean timeout = false;
            int pending = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException(file + ": no key in '" + line + "'");
                }
                String key = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                switch (key) {
                    case "hex" -> input.writeBytes(hex(value));
                    case "text" -> input.writeBytes(unescape(line.substring(colon + 2)));
                    case "request" -> request = value;
                    case "timeout" -> timeout = value.equals("yes");
                    case "expect" -> expected.add(value);
                    case "pending" -> pending = Integer.parseInt(value);
                    default -> settings.put(key, line.substring(colon + 2));
                }
            }
            return new Fixture(file.getParent().getFileName() + "/" + file.getFileName(), input.toByteArray(), settings,
                    request, timeout, List.copyOf(expected), pending);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + text);
            }
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return name;
    }
}
