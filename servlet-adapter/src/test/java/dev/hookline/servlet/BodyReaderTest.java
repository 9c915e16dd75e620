package dev.hookline.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private static final int LIMIT = 20_000;

    private static byte[] bytes(int length) {
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) (i * 31 + 7);
        }
        return body;
    }

    /** Hands out at most {@code chunk} bytes per read and counts how many it handed out. */
    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        private final int chunk;
        private long served;
        /** The longest array a read was asked to fill: what the reader had allocated by then. */
        private int largestArray;
        /** How many bytes have arrived: what {@link #available()} promises without blocking. */
        private long arrived = Long.MAX_VALUE;

        CountingStream(byte[] body, int chunk) {
            this.in = new ByteArrayInputStream(body);
            this.chunk = chunk;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                served++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            largestArray = Math.max(largestArray, buffer.length);
            if (served >= arrived) {
                throw new AssertionError("a read that would wait for bytes yet to arrive");
            }
            int n = in.read(buffer, offset, (int) Math.min(Math.min(length, chunk), arrived - served));
            if (n > 0) {
                served += n;
            }
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(in.available(), Math.max(0, arrived - served));
        }
    }

    @Test
    void readsABodyOfDeclaredLengthExactly() throws Exception {
        byte[] body = bytes(12_345);

        byte[] read = BodyReader.read(new CountingStream(body, 1000), body.length, LIMIT);

        assertThat(read).isEqualTo(body);
    }

    @Test
    void aDeclaredLengthIsNotAllocatedBeforeTheBytesArrive() {
        int mebibyte = 1024 * 1024;
        CountingStream in = new CountingStream(bytes(10), 1000);

        assertThatThrownBy(() -> BodyReader.read(in, mebibyte, mebibyte))
                .isInstanceOfSatisfying(BodyReader.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(RequestFailure.INCOMPLETE_BODY));
        assertThat(in.served).isEqualTo(10);
        assertThat(in.largestArray).isEqualTo(BodyReader.INITIAL_CAPACITY);
    }

    @Test
    void theArrayGrowsWithTheBytesToExactlyTheDeclaredLength() throws Exception {
        int length = 100_000;
        byte[] body = bytes(length);
        CountingStream in = new CountingStream(body, 3000);

        byte[] read = BodyReader.read(in, length, 1024 * 1024);

        assertThat(read).hasSize(length).isEqualTo(body);
        // 8 KiB, 16, 32, 64, then the declared length itself: never more than it, whatever the limit
        assertThat(in.largestArray).isEqualTo(length);
    }

    @Test
    void aPartialBodyHoldsAtMostTwiceWhatArrived() throws Exception {
        int arrived = 40_000;
        CountingStream in = new CountingStream(bytes(arrived), 1000);

        assertThatThrownBy(() -> BodyReader.read(in, 1_000_000, 1_000_000)).isInstanceOf(BodyReader.Refused.class);
        assertThat(in.largestArray).isLessThanOrEqualTo(2 * arrived);
    }

    @Test
    void readsABodyOfUnknownLengthIntoAnArrayOfItsLength() throws Exception {
        for (int length : new int[] {0, 1, BodyReader.INITIAL_CAPACITY, BodyReader.INITIAL_CAPACITY + 1, LIMIT - 1, LIMIT}) {
            byte[] body = bytes(length);

            byte[] read = BodyReader.read(new CountingStream(body, 777), -1, LIMIT);

            assertThat(read).as("length %d", length).hasSize(length).isEqualTo(body);
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingAByte() {
        CountingStream in = new CountingStream(bytes(LIMIT + 1), 1000);

        assertThatThrownBy(() -> BodyReader.read(in, LIMIT + 1, LIMIT))
                .isInstanceOfSatisfying(BodyReader.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(RequestFailure.BODY_TOO_LARGE));
        assertThat(in.served).isZero();
    }

    @Test
    void aBodyOfUnknownLengthIsCutOffOneBytePastTheLimit() {
        CountingStream in = new CountingStream(bytes(10 * LIMIT), 4096);

        assertThatThrownBy(() -> BodyReader.read(in, -1, LIMIT))
                .isInstanceOfSatisfying(BodyReader.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(RequestFailure.BODY_TOO_LARGE));
        assertThat(in.served).isEqualTo(LIMIT + 1);
    }

    @Test
    void aBodyEndingBeforeItsDeclaredLengthIsIncomplete() {
        CountingStream in = new CountingStream(bytes(100), 1000);

        assertThatThrownBy(() -> BodyReader.read(in, 200, LIMIT))
                .isInstanceOfSatisfying(BodyReader.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(RequestFailure.INCOMPLETE_BODY));
    }

    @Test
    void anEndOfFileErrorWhileReadingIsIncomplete() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new EOFException("early EOF");
            }
        };

        assertThatThrownBy(() -> BodyReader.read(broken, 10, LIMIT))
                .isInstanceOfSatisfying(BodyReader.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(RequestFailure.INCOMPLETE_BODY));
        assertThatThrownBy(() -> BodyReader.read(broken, -1, LIMIT))
                .isInstanceOfSatisfying(BodyReader.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(RequestFailure.INCOMPLETE_BODY));
    }

    @Test
    void anyOtherReadErrorIsLeftToTheCaller() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("idle timeout");
            }
        };

        assertThatThrownBy(() -> BodyReader.read(broken, 10, LIMIT)).isExactlyInstanceOf(IOException.class);
    }

    @Test
    void aBodyStillIncompleteAtTheDeadlineIsRefusedAtTheNextRead() {
        CountingStream in = new CountingStream(bytes(1000), 100);
        ReadDeadline passed = new ReadDeadline(System.nanoTime(), 0);

        assertThatThrownBy(() -> BodyReader.read(in, 1000, LIMIT, passed))
                .isInstanceOfSatisfying(BodyReader.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(RequestFailure.BODY_READ_TIMEOUT));
        assertThat(in.served).isZero();
    }

    @Test
    void aRefusedBodyIsDiscardedToItsEndWithinTheBound() {
        CountingStream in = new CountingStream(bytes(10_000), 777);

        assertThat(BodyReader.drain(in, 10_000, ReadDeadline.NONE)).isTrue();
        assertThat(in.served).isEqualTo(10_000);
    }

    @Test
    void discardingStopsPastTheBoundOrTheDeadline() {
        CountingStream longer = new CountingStream(bytes(100_000), 1000);
        CountingStream late = new CountingStream(bytes(100), 10);

        assertThat(BodyReader.drain(longer, 5_000, ReadDeadline.NONE)).isFalse();
        assertThat(longer.served).isEqualTo(6_000);
        assertThat(BodyReader.drain(late, 1_000, new ReadDeadline(System.nanoTime(), 0))).isFalse();
        assertThat(late.served).isZero();
    }

    @Test
    void aBodyThatHasArrivedWholeIsReadWithoutWaiting() throws Exception {
        byte[] body = bytes(12_345);
        CountingStream in = new CountingStream(body, 1000);

        byte[] read = BodyReader.readArrived(in, new BodyBuffer(body.length, LIMIT));

        assertThat(read).isEqualTo(body);
        assertThat(in.served).isEqualTo(body.length);
    }

    @Test
    void nothingIsReadOfABodyThatHasNotStartedToArrive() throws Exception {
        CountingStream in = new CountingStream(bytes(100), 1000);
        in.arrived = 0;

        assertThat(BodyReader.readArrived(in, new BodyBuffer(100, LIMIT))).isNull();
        assertThat(in.served).isZero();
    }

    @Test
    void whatHasArrivedIsKeptAndTheRestReadAfterIt() throws Exception {
        byte[] body = bytes(12_345);
        CountingStream in = new CountingStream(body, 1000);
        in.arrived = 5_500;
        BodyBuffer buffer = new BodyBuffer(body.length, LIMIT);

        assertThat(BodyReader.readArrived(in, buffer)).isNull();
        assertThat(in.served).isEqualTo(5_500);

        in.arrived = Long.MAX_VALUE;
        assertThat(BodyReader.read(in, buffer, ReadDeadline.NONE)).isEqualTo(body);
        assertThat(in.served).isEqualTo(body.length);
    }

    @Test
    void aBodyThatEndsBeforeItsDeclaredLengthWhileArrivingIsIncomplete() {
        InputStream endsEarly = new InputStream() {
            private int left = 100;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int available() {
                return 1;
            }
        };

        assertThatThrownBy(() -> BodyReader.readArrived(endsEarly, new BodyBuffer(200, LIMIT)))
                .isInstanceOfSatisfying(BodyReader.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(RequestFailure.INCOMPLETE_BODY));
    }

    @Test
    void aRefusalCarriesNoStackTrace() {
        assertThat(new BodyReader.Refused(RequestFailure.BODY_TOO_LARGE).getStackTrace()).isEmpty();
    }

    @Test
    void aLimitSmallerThanTheFirstArrayIsHonoured() throws Exception {
        assertThat(BodyReader.read(new CountingStream(bytes(10), 3), -1, 10)).isEqualTo(bytes(10));

        CountingStream longer = new CountingStream(bytes(11), 3);
        assertThatThrownBy(() -> BodyReader.read(longer, -1, 10)).isInstanceOf(BodyReader.Refused.class);
        assertThat(longer.served).isEqualTo(11);
    }
}
