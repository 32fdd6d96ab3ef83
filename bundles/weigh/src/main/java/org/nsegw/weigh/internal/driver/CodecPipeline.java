package org.nsegw.weigh.internal.driver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nsegw.weigh.internal.codec.Codec;
import org.nsegw.weigh.internal.codec.Decoded;

/** A pipeline around one codec: rejections pass through, each value becomes what {@link #values} makes of it. */
abstract class CodecPipeline<T> implements Pipeline {

    private final Codec<T> codec;

    CodecPipeline(Codec<T> codec) {
        this.codec = codec;
    }

    /** What a valid value means: a reading, a vehicle, or both. */
    abstract void values(Decoded.Value<T> value, Instant now, List<Outcome> out);

    @Override
    public final List<Outcome> feed(byte[] bytes, int offset, int length, Instant now) {
        return outcomes(codec.feed(bytes, offset, length), now);
    }

    @Override
    public final Optional<byte[]> request() {
        return codec.request();
    }

    @Override
    public final int pending() {
        return codec.pending();
    }

    @Override
    public final List<Outcome> timeout(Instant now) {
        return outcomes(codec.timeout(), now);
    }

    private List<Outcome> outcomes(List<Decoded<T>> decoded, Instant now) {
        List<Outcome> out = new ArrayList<>(decoded.size());
        for (Decoded<T> d : decoded) {
            if (d instanceof Decoded.Rejected<T> r) {
                out.add(new Rejected(r.reason(), r.detail(), r.raw().length));
            } else {
                values((Decoded.Value<T>) d, now, out);
            }
        }
        return out;
    }
}
