package org.nsegw.weigh.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nsegw.weigh.internal.codec.SampleFrames.concat;
import static org.nsegw.weigh.internal.codec.SampleFrames.frame;
import static org.nsegw.weigh.internal.codec.SampleFrames.hex;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RawSampleCodecTest {

    /** Lane 1, row 0, no flags, sequence 16, samples 2000, 2001, 8000; CRC computed apart from the gateway (0x48D8). */
    static final String FRAME_L1 = "aa 55 01 01 00 00 00 00 00 10 00 03 07 d0 07 d1 1f 40 d8 48";
    /** Lane 2, row 1, sensor fault, sequence 0xFFFFFFFF, samples 0xAA55 (a frame start inside) and 65535. */
    static final String FRAME_L2 = "aa 55 01 02 01 01 ff ff ff ff 00 02 aa 55 ff ff 2c 09";

    private final RawSampleCodec codec = new RawSampleCodec();

    private static SampleBlock value(Decoded<SampleBlock> d) {
        assertThat(d).isInstanceOf(Decoded.Value.class);
        return ((Decoded.Value<SampleBlock>) d).value();
    }

    private static Decoded.Rejected<SampleBlock> rejected(Decoded<SampleBlock> d, Rejection reason) {
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        Decoded.Rejected<SampleBlock> r = (Decoded.Rejected<SampleBlock>) d;
        assertThat(r.reason()).as(r.toString()).isEqualTo(reason);
        return r;
    }

    @Test
    void theCrcIsCrc16ModbusAsInTheModbusExamples() {
        assertThat(RawSampleCodec.crc(hex("01 03 00 14 00 02"), 0, 6)).isEqualTo(0x0F84);
        assertThat(RawSampleCodec.crc(hex("01 03 04 00 00 03 e8"), 0, 7)).isEqualTo(0x8DFA);
        byte[] random = new byte[300];
        new java.util.Random(5).nextBytes(random);
        assertThat(RawSampleCodec.crc(random, 7, 290)).isEqualTo(SampleFrames.bitwiseCrc(random, 7, 290));
    }

    @Test
    void decodesTheFixtureFrames() {
        List<Decoded<SampleBlock>> out = codec.feed(hex(FRAME_L1 + " " + FRAME_L2));
        assertThat(out).hasSize(2);
        SampleBlock a = value(out.get(0));
        assertThat(a).isEqualTo(new SampleBlock(1, 0, 0, 16, new int[] {2000, 2001, 8000}));
        assertThat(a.sensorFault()).isFalse();
        assertThat(out.get(0).raw()).isEqualTo(hex(FRAME_L1));
        SampleBlock b = value(out.get(1));
        assertThat(b).isEqualTo(new SampleBlock(2, 1, 1, 0xFFFF_FFFFL, new int[] {0xAA55, 0xFFFF}));
        assertThat(b.sensorFault()).isTrue();
        assertThat(b.count()).isEqualTo(2);
        assertThat(b.sample(1)).isEqualTo(65535);
        assertThat(codec.pending()).isZero();
    }

    @Test
    void theTestEncoderMakesTheFixtureBytes() {
        assertThat(frame(1, 0, 0, 16, 2000, 2001, 8000)).isEqualTo(hex(FRAME_L1));
        assertThat(frame(2, 1, 1, 0xFFFF_FFFFL, 0xAA55, 0xFFFF)).isEqualTo(hex(FRAME_L2));
    }

    @Test
    void aFrameOfTheLargestSizeDecodes() {
        int[] samples = new int[512];
        Arrays.setAll(samples, i -> i * 127 & 0xFFFF);
        List<Decoded<SampleBlock>> out = codec.feed(frame(9, 1, 0, 123_456L, samples));
        assertThat(out).hasSize(1);
        assertThat(value(out.get(0)).samples()).isEqualTo(samples);
    }

    @Test
    void aFrameSplitAnywhereWaitsForItsLastByte() {
        byte[] f = hex(FRAME_L1);
        for (int cut = 1; cut < f.length; cut++) {
            RawSampleCodec c = new RawSampleCodec();
            assertThat(c.feed(f, 0, cut)).isEmpty();
            assertThat(c.pending()).isEqualTo(cut);
            List<Decoded<SampleBlock>> out = c.feed(f, cut, f.length - cut);
            assertThat(out).hasSize(1);
            assertThat(value(out.get(0)).sample(2)).isEqualTo(8000);
        }
    }

    @Test
    void noiseIsHeldUntilTheNextFrameStartAndReportedInOnePiece() {
        assertThat(codec.feed(hex("00 13 aa"))).isEmpty();
        assertThat(codec.pending()).isEqualTo(3);
        assertThat(codec.feed(hex("37 42"))).isEmpty();
        List<Decoded<SampleBlock>> out = codec.feed(hex(FRAME_L1));
        assertThat(out).hasSize(2);
        assertThat(rejected(out.get(0), Rejection.NOISE).raw()).isEqualTo(hex("00 13 aa 37 42"));
        assertThat(value(out.get(1)).lane()).isEqualTo(1);
    }

    @Test
    void longNoiseIsReportedInPiecesSoThatTheBufferNeverFillsUp() {
        byte[] noise = new byte[5000];
        Arrays.fill(noise, (byte) 0x11);
        List<Decoded<SampleBlock>> out = codec.feed(noise);
        assertThat(out).hasSize(4).allSatisfy(d -> assertThat(rejected(d, Rejection.NOISE).raw()).hasSize(1024));
        assertThat(codec.pending()).isEqualTo(5000 - 4096);
        out = codec.timeout();
        assertThat(out).hasSize(1);
        assertThat(rejected(out.get(0), Rejection.NOISE).raw()).hasSize(5000 - 4096);
        assertThat(codec.pending()).isZero();
    }

    @Test
    void aBadCrcIsAChecksumRejectionAndTheNextFrameStillDecodes() {
        byte[] bad = hex(FRAME_L1);
        bad[13] ^= 0x04;
        List<Decoded<SampleBlock>> out = codec.feed(concat(bad, hex(FRAME_L2)));
        assertThat(out).hasSize(2);
        Decoded.Rejected<SampleBlock> r = rejected(out.get(0), Rejection.CHECKSUM);
        assertThat(r.raw()).isEqualTo(bad);
        assertThat(r.detail()).isEqualTo(String.format("CRC 0x48D8, computed 0x%04X", SampleFrames.bitwiseCrc(bad, 2, bad.length - 2)));
        assertThat(value(out.get(1)).lane()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"2, 3, 'version 2, expected 1'", "1, 0, 'sample count 0, expected 1..512'", "1, 513, 'sample count 513, expected 1..512'"})
    void aBadHeaderIsMalformedAndTheRestOfItsFrameIsNoise(int version, int declared, String detail) {
        byte[] bad = SampleFrames.anyFrame(version, 1, 0, 0, 7, declared, 2000, 2001, 2002);
        List<Decoded<SampleBlock>> out = codec.feed(concat(bad, hex(FRAME_L1)));
        assertThat(out).hasSize(3);
        Decoded.Rejected<SampleBlock> r = rejected(out.get(0), Rejection.MALFORMED);
        assertThat(r.detail()).isEqualTo(detail);
        assertThat(r.raw()).isEqualTo(Arrays.copyOf(bad, 12));
        assertThat(rejected(out.get(1), Rejection.NOISE).raw()).isEqualTo(Arrays.copyOfRange(bad, 12, bad.length));
        assertThat(value(out.get(2)).lane()).isEqualTo(1);
    }

    @Test
    void aGoodCrcDoesNotMakeLaneZeroOrAThirdRowValid() {
        byte[] lane0 = frame(0, 0, 0, 1, 5);
        byte[] row2 = frame(3, 2, 0, 1, 5);
        List<Decoded<SampleBlock>> out = codec.feed(concat(lane0, row2));
        assertThat(out).hasSize(2);
        assertThat(rejected(out.get(0), Rejection.MALFORMED).detail()).isEqualTo("lane 0, expected 1..255");
        assertThat(out.get(0).raw()).isEqualTo(lane0);
        assertThat(rejected(out.get(1), Rejection.MALFORMED).detail()).isEqualTo("row 2, expected 0 or 1");
    }

    @Test
    void aFrameCutShortByTheNextIsTruncatedAndTheNextDecodes() {
        int[] samples = new int[40];
        Arrays.fill(samples, 2100);
        byte[] cutFrame = Arrays.copyOf(frame(1, 0, 0, 100, samples), 30);
        byte[] next = frame(1, 0, 0, 140, samples);
        List<Decoded<SampleBlock>> out = codec.feed(concat(cutFrame, next));
        assertThat(out).hasSize(2);
        Decoded.Rejected<SampleBlock> r = rejected(out.get(0), Rejection.TRUNCATED);
        assertThat(r.raw()).isEqualTo(cutFrame);
        assertThat(r.detail()).contains("new frame starts at byte 30");
        assertThat(value(out.get(1)).firstSequence()).isEqualTo(140);
    }

    @Test
    void aFrameCutInsideItsHeaderIsTruncatedWhenTheNextStartsThere() {
        byte[] cutFrame = Arrays.copyOf(hex(FRAME_L1), 7);
        List<Decoded<SampleBlock>> out = codec.feed(concat(cutFrame, hex(FRAME_L2)));
        assertThat(out).hasSize(2);
        assertThat(rejected(out.get(0), Rejection.TRUNCATED).raw()).isEqualTo(cutFrame);
        assertThat(value(out.get(1)).lane()).isEqualTo(2);
    }

    @Test
    void aTimeoutSettlesAnIncompleteFrameAndKeepsAWholeOneAfterIt() {
        int[] samples = new int[200];
        Arrays.fill(samples, 2100);
        byte[] cutFrame = Arrays.copyOf(frame(1, 0, 0, 100, samples), 50);
        assertThat(codec.feed(concat(cutFrame, hex(FRAME_L2)))).isEmpty();
        assertThat(codec.pending()).isEqualTo(50 + 18);
        List<Decoded<SampleBlock>> out = codec.timeout();
        assertThat(out).hasSize(2);
        assertThat(rejected(out.get(0), Rejection.TRUNCATED).raw()).isEqualTo(cutFrame);
        assertThat(value(out.get(1)).lane()).isEqualTo(2);
        assertThat(codec.pending()).isZero();
        assertThat(codec.timeout()).isEmpty();
    }

    @Test
    void aTimeoutAfterAFrameStartWithoutItsSecondByteIsTruncated() {
        assertThat(codec.feed(hex("01 02 aa"))).isEmpty();
        List<Decoded<SampleBlock>> out = codec.timeout();
        assertThat(out).hasSize(2);
        assertThat(rejected(out.get(0), Rejection.NOISE).raw()).isEqualTo(hex("01 02"));
        assertThat(rejected(out.get(1), Rejection.TRUNCATED).raw()).isEqualTo(hex("aa"));
    }

    @Test
    void aFrameStartInsideAGoodFrameDoesNotCutIt() {
        List<Decoded<SampleBlock>> out = codec.feed(hex(FRAME_L2));
        assertThat(out).hasSize(1);
        assertThat(value(out.get(0)).sample(0)).isEqualTo(0xAA55);
    }

    @Test
    void feedsAPartOfAnArray() {
        byte[] bytes = concat(hex("99 99"), hex(FRAME_L1), hex("77"));
        List<Decoded<SampleBlock>> out = codec.feed(bytes, 2, bytes.length - 3);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).raw()).isEqualTo(hex(FRAME_L1));
        assertThatThrownBy(() -> codec.feed(bytes, 5, bytes.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aSampleBlockChecksItsFieldsAndCannotBeChangedFromOutside() {
        int[] samples = {1, 2, 3};
        SampleBlock b = new SampleBlock(1, 0, 0, 0, samples);
        samples[0] = 99;
        b.samples()[1] = 99;
        assertThat(b.samples()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> new SampleBlock(0, 0, 0, 0, samples)).hasMessageContaining("lane 0");
        assertThatThrownBy(() -> new SampleBlock(1, 2, 0, 0, samples)).hasMessageContaining("row 2");
        assertThatThrownBy(() -> new SampleBlock(1, 0, 256, 0, samples)).hasMessageContaining("flags");
        assertThatThrownBy(() -> new SampleBlock(1, 0, 0, 1L << 32, samples)).hasMessageContaining("sequence");
        assertThatThrownBy(() -> new SampleBlock(1, 0, 0, 0, new int[0])).hasMessageContaining("0 samples");
        assertThatThrownBy(() -> new SampleBlock(1, 0, 0, 0, new int[513])).hasMessageContaining("513 samples");
        assertThatThrownBy(() -> new SampleBlock(1, 0, 0, 0, new int[] {65536})).hasMessageContaining("65536");
        assertThat(b.toString()).contains("lane 1 row 0");
        assertThat(b).isEqualTo(new SampleBlock(1, 0, 0, 0, new int[] {1, 2, 3})).hasSameHashCodeAs(new SampleBlock(1, 0, 0, 0, new int[] {1, 2, 3}));
    }
}
