package org.nsegw.kura.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The metatype of every bundle of ours in the site package (which holds every bundle of the bridge package too), as
 * Eclipse Kura reads it: Kura opens {@code OSGI-INF/metatype/<pid>.xml} for each designated pid, takes the document's
 * first OCD, finds elements by their plain names ({@code OCD}, {@code AD}, {@code Option}, {@code Designate}),
 * seeds a configuration with the defaults parsed as the attribute's type, and builds its form from names,
 * descriptions, option labels and types (Password fields hidden and encrypted).
 */
class KuraMetatypeIT {

    /** The attribute types Kura's metatype model knows (its Scalar). */
    static final Set<String> KURA_TYPES = Set.of("String", "Long", "Double", "Float", "Integer", "Byte", "Char",
            "Boolean", "Short", "Password");
    /** Ids whose last word names a secret (a PKCS#11 token's label is no secret, its PIN is). */
    static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|passphrase|credentials?)|pin|.*Pin|.*(access|api|auth)Token");

    record MetatypeFile(String bundle, String path, Document doc) {
        String where() {
            return bundle + "!/" + path;
        }

        String fileName() {
            return path.substring(path.lastIndexOf('/') + 1, path.length() - ".xml".length());
        }
    }

    static final List<MetatypeFile> FILES = new ArrayList<>();

    @BeforeAll
    static void readEveryMetatypeFile() throws Exception {
        DeploymentPackageFile dp = DeploymentPackageFile.read(DeploymentPackageFile.built("site"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance(); // not namespace-aware, as Kura parses
        for (String entry : dp.entries().keySet()) {
            if (!entry.startsWith("org.nsegw.")) {
                continue;
            }
            try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(dp.entries().get(entry)))) {
                for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    if (e.getName().startsWith("OSGI-INF/metatype/") && e.getName().endsWith(".xml")) {
                        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(jar.readAllBytes()));
                        FILES.add(new MetatypeFile(entry, e.getName(), doc));
                    }
                }
            }
        }
    }

    @Test
    void everyConfigurableComponentOfOursHasItsMetatype() {
        Set<String> pids = new TreeSet<>();
        FILES.forEach(f -> pids.add(f.fileName()));
        assertThat(pids).containsExactlyInAnyOrder("org.nsegw.anpr.camera", "org.nsegw.anpr.receiver",
                "org.nsegw.evidence", "org.nsegw.fusion.lane", "org.nsegw.gateway", "org.nsegw.health", "org.nsegw.log",
                "org.nsegw.rules.cleanliness", "org.nsegw.rules.overweight", "org.nsegw.uplink",
                "org.nsegw.vision.camera", "org.nsegw.weigh.sensor");
    }

    @Test
    void eachFileIsNamedByThePidItDesignatesAndHoldsOneDefinition() {
        List<String> problems = new ArrayList<>();
        for (MetatypeFile f : FILES) {
            List<Element> ocds = children(f.doc().getDocumentElement(), "OCD");
            List<Element> designates = children(f.doc().getDocumentElement(), "Designate");
            if (ocds.size() != 1 || designates.size() != 1) {
                problems.add(f.where() + ": " + ocds.size() + " OCDs, " + designates.size() + " Designates (Kura takes the first)");
                continue;
            }
            Element d = designates.get(0);
            String pid = d.getAttribute("factoryPid").isEmpty() ? d.getAttribute("pid") : d.getAttribute("factoryPid");
            if (!pid.equals(f.fileName())) {
                problems.add(f.where() + ": designates " + pid);
            }
            if (!ocds.get(0).getAttribute("id").equals(pid)) {
                problems.add(f.where() + ": OCD " + ocds.get(0).getAttribute("id") + " is not the pid " + pid);
            }
            List<Element> objects = children(d, "Object");
            if (objects.size() != 1 || !objects.get(0).getAttribute("ocdref").equals(pid)) {
                problems.add(f.where() + ": the Designate does not refer to the OCD " + pid);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDefinitionAndAttributeIsNamedAndDescribed() {
        List<String> problems = new ArrayList<>();
        for (MetatypeFile f : FILES) {
            for (Element ocd : children(f.doc().getDocumentElement(), "OCD")) {
                requireText(problems, f.where() + " OCD", ocd, "name");
                requireText(problems, f.where() + " OCD", ocd, "description");
                for (Element ad : children(ocd, "AD")) {
                    String where = f.where() + " " + ad.getAttribute("id");
                    requireText(problems, where, ad, "name");
                    requireText(problems, where, ad, "description");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void typesAreKurasAndSecretsArePasswords() {
        List<String> problems = new ArrayList<>();
        for (MetatypeFile f : FILES) {
            for (Element ad : attributes(f)) {
                String id = ad.getAttribute("id");
                String type = ad.getAttribute("type");
                if (!KURA_TYPES.contains(type)) {
                    problems.add(f.where() + " " + id + ": type " + type + " is unknown to Kura");
                }
                if (SECRET.matcher(id.substring(id.lastIndexOf('.') + 1)).matches() && !type.equals("Password")) {
                    problems.add(f.where() + " " + id + ": a secret of type " + type + ", not Password");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyOptionIsLabelledAndEveryDefaultIsAllowed() {
        List<String> problems = new ArrayList<>();
        for (MetatypeFile f : FILES) {
            for (Element ad : attributes(f)) {
                String where = f.where() + " " + ad.getAttribute("id");
                List<String> values = new ArrayList<>();
                for (Element option : children(ad, "Option")) {
                    if (option.getAttribute("label").isBlank()) {
                        problems.add(where + ": option " + option.getAttribute("value") + " has no label");
                    }
                    values.add(option.getAttribute("value"));
                }
                for (String value : defaults(ad)) {
                    if (!values.isEmpty() && !values.contains(value)) {
                        problems.add(where + ": default " + value + " is not one of the options " + values);
                    }
                    if (!parses(ad.getAttribute("type"), value)) {
                        problems.add(where + ": default " + value + " is not a " + ad.getAttribute("type"));
                    }
                }
                for (String bound : List.of("min", "max")) {
                    String b = ad.getAttribute(bound);
                    if (!b.isEmpty() && !ad.getAttribute("type").equals("String") && !parses(ad.getAttribute("type"), b)) {
                        problems.add(where + ": " + bound + " " + b + " is not a " + ad.getAttribute("type"));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void namesAreNotLocalisationKeys() {
        // Kura shows names and descriptions as written; "%key" would need the bundle's l10n files, which it ignores
        List<String> problems = new ArrayList<>();
        for (MetatypeFile f : FILES) {
            for (Element ad : attributes(f)) {
                for (String attribute : List.of("name", "description")) {
                    if (ad.getAttribute(attribute).startsWith("%")) {
                        problems.add(f.where() + " " + ad.getAttribute("id") + ": " + attribute + " " + ad.getAttribute(attribute));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** A default value as Kura splits it: at commas not escaped by a backslash; empty means no default. */
    static List<String> defaults(Element ad) {
        String d = ad.getAttribute("default");
        List<String> values = new ArrayList<>();
        if (d.isEmpty()) {
            return values;
        }
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '\\' && i + 1 < d.length()) {
                current.append(d.charAt(++i));
            } else if (c == ',') {
                values.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString().trim());
        return values;
    }

    static boolean parses(String type, String value) {
        try {
            switch (type) {
                case "Integer" -> Integer.valueOf(value);
                case "Long" -> Long.valueOf(value);
                case "Short" -> Short.valueOf(value);
                case "Byte" -> Byte.valueOf(value);
                case "Double" -> Double.valueOf(value);
                case "Float" -> Float.valueOf(value);
                case "Boolean" -> {
                    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
                }
                case "Char" -> {
                    return value.length() == 1;
                }
                default -> {
                    return true;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<Element> attributes(MetatypeFile f) {
        List<Element> ads = new ArrayList<>();
        for (Element ocd : children(f.doc().getDocumentElement(), "OCD")) {
            ads.addAll(children(ocd, "AD"));
        }
        return ads;
    }

    private static void requireText(List<String> problems, String where, Element e, String attribute) {
        if (e.getAttribute(attribute).isBlank()) {
            problems.add(where + ": no " + attribute);
        }
    }

    /** Child elements by their plain node name (a prefixed {@code metatype:AD} would be missed by Kura too). */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNodeName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
