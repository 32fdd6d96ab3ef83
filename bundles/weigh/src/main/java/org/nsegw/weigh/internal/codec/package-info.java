/**
 * Weigh-device codecs: bytes in, readings or vehicle records out. Pure: no ports, no threads, no clocks, no
 * files. A codec keeps only the bytes of an incomplete frame between calls, resynchronises after garbage, and
 * reports every byte it could not use as a {@link org.nsegw.weigh.internal.codec.Decoded.Rejected} with a reason,
 * so that bad bytes are counted and never become a record.
 */
package org.nsegw.weigh.internal.codec;
