package org.nsegw.packet;

/**
 * A packet as built: the ZIP bytes, the manifest bytes inside it and their SHA-256 (lower-case hex), which
 * the next packet of the chain names. The arrays are not copied.
 */
public record BuiltPacket(String caseId, long sequence, byte[] zip, byte[] manifest, String manifestSha256) {

    @Override
    public String toString() {
        return "BuiltPacket[" + caseId + ", sequence " + sequence + ", " + zip.length + " bytes, manifest "
                + manifestSha256 + "]";
    }
}
