/**
 * The signed evidence packet: one self-contained ZIP per case with an RFC 8785 manifest, a detached
 * Ed25519, SM2/SM3 or ECDSA P-256 signature (keys in files or in a PKCS#11 token) and the gateway's public key; the chain of packets per gateway; Merkle
 * checkpoints (RFC 9162 hashing). Plain Java, usable without OSGi. Format: docs/evidence-format.md.
 */
@Export
@Version("0.3.0")
package org.nsegw.packet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
