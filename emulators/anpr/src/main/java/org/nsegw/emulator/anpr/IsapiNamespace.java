package org.nsegw.emulator.anpr;

/** The two XML namespaces Hikvision cameras put on their alerts; firmware decides which. */
public enum IsapiNamespace {
    HIKVISION("http://www.hikvision.com/ver20/XMLSchema"),
    ISAPI("http://www.isapi.org/ver20/XMLSchema");

    private final String uri;

    IsapiNamespace(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}
