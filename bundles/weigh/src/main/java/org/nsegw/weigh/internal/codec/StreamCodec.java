package org.nsegw.weigh.internal.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The buffering every codec shares: bytes are appended to one buffer, and {@link #next} is asked again and again
 * what the head of the buffer makes, until it needs more bytes. The answer depends only on the buffered bytes, never
 * on how they arrived, so feeding a stream in any chunks gives the same outcomes; and since every answer consumes the
 * bytes it covers from the head, every byte ends up in exactly one outcome, in order, or stays buffered.
 *
 * @param <T> the value type
 */
abstract class StreamCodec<T> implements Codec<T> {

    private byte[] buffer = new byte[64];
    private int length;

    @Override
    public final List<Decoded<T>> feed(byte[] bytes, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        List<Decoded<T>> out = new ArrayList<>();
        while (length > 0) {
            Cut<T> cut = next(new Window(buffer, length));
            if (cut == null) {
                break;
            }
            out.add(take(cut));
        }
        return out;
    }

    @Override
    public final List<Decoded<T>> timeout() {
        List<Decoded<T>> out = new ArrayList<>();
        while (length > 0) {
            Cut<T> cut = atTimeout(new Window(buffer, length));
            out.add(take(cut));
        }
        restart();
        return out;
    }

    @Override
    public final int pending() {
        return length;
    }

    /** What the head of the buffered bytes makes, or {@code null} while more bytes are needed to tell. */
    protected abstract Cut<T> next(Window w);

    /**
     * The device went quiet: what the head of the buffer makes now that no more bytes will complete it. Must consume
     * at least one byte; called until the buffer is empty. By default everything is one truncated frame.
     */
    protected Cut<T> atTimeout(Window w) {
        return Cut.reject(w.length(), Rejection.TRUNCATED, "the device went quiet after " + w.length() + " bytes of a frame");
    }

    /** Forget any state kept beside the buffer; called after a timeout has emptied it. */
    protected void restart() {
    }

    private Decoded<T> take(Cut<T> cut) {
        if (cut.length() <= 0 || cut.length() > length) {
            throw new IllegalStateException("a cut of " + cut.length() + " bytes from " + length);
        }
        byte[] raw = Arrays.copyOf(buffer, cut.length());
        System.arraycopy(buffer, cut.length(), buffer, 0, length - cut.length());
        length -= cut.length();
        return cut.value() != null
                ? new Decoded.Value<>(cut.value(), raw)
                : new Decoded.Rejected<>(cut.reason(), cut.detail(), raw);
    }

    /** The longest run of noise kept before it is reported, so that a babbling line cannot fill the memory. */
    static final int MAX_NOISE = 256;

    /** Whether a frame starts at an index: {@link #YES}, {@link #NO}, or {@link #UNKNOWN} until more bytes arrive. */
    @FunctionalInterface
    interface StartTest {
        int YES = 1;
        int NO = 0;
        int UNKNOWN = -1;

        int test(Window w, int index);
    }

    /**
     * The noise at the head of the buffer (whose first byte starts no frame): up to the next frame start, or
     * {@link #MAX_NOISE} bytes; {@code null} while it cannot be told yet where the noise ends. At a timeout, a frame
     * start that cannot be told yet ends the noise as well.
     */
    static <T> Cut<T> noise(Window w, StartTest starts, String frameStart, boolean atTimeout) {
        for (int i = 1; i < MAX_NOISE; i++) {
            if (i >= w.length()) {
                return atTimeout ? Cut.reject(i, Rejection.NOISE, i + " bytes before " + frameStart) : null;
            }
            int r = starts.test(w, i);
            if (r == StartTest.UNKNOWN && !atTimeout) {
                return null;
            }
            if (r != StartTest.NO) {
                return Cut.reject(i, Rejection.NOISE, i + " bytes before " + frameStart);
            }
        }
        return Cut.reject(MAX_NOISE, Rejection.NOISE, MAX_NOISE + " bytes without " + frameStart);
    }

    /** {@link StartTest} for formats whose frames start with one byte value. */
    static StartTest startsWith(int value) {
        return (w, i) -> w.at(i) == value ? StartTest.YES : StartTest.NO;
    }

    /** A byte for a detail message: the character if printable ASCII, else its hex value. */
    static String show(int b) {
        return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("0x%02X", b);
    }

    /** A read-only view of the buffered bytes. */
    static final class Window {
        private final byte[] bytes;
        private final int length;

        Window(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        int length() {
            return length;
        }

        /** The byte at {@code i}, unsigned. */
        int at(int i) {
            Objects.checkIndex(i, length);
            return bytes[i] & 0xFF;
        }

        /** The first index at or after {@code from} holding {@code value}, or -1. */
        int indexOf(int value, int from) {
            for (int i = Math.max(from, 0); i < length; i++) {
                if ((bytes[i] & 0xFF) == value) {
                    return i;
                }
            }
            return -1;
        }

        byte[] copy(int from, int to) {
            Objects.checkFromToIndex(from, to, length);
            return Arrays.copyOfRange(bytes, from, to);
        }
    }

    /** The head of the buffer, {@code length} bytes, made a value or a rejection. */
    record Cut<T>(int length, T value, Rejection reason, String detail) {

        static <T> Cut<T> value(int length, T value) {
            return new Cut<>(length, Objects.requireNonNull(value), null, null);
        }

        static <T> Cut<T> reject(int length, Rejection reason, String detail) {
            return new Cut<>(length, null, Objects.requireNonNull(reason), Objects.requireNonNull(detail));
        }
    }
}
