package dev.hookline.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A body read eight bytes at a time, as one {@code long}, and tests that look at all eight bytes at once: how the
 * UTF-8 check and the reading of long strings pass over the long runs of ASCII that most of a JSON body is. Each
 * test is exact about whether some byte qualifies, not about which.
 */
final class ByteWords {

    /** Bytes per word. */
    static final int SIZE = Long.BYTES;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** One in each byte: {@code word - ONES} borrows into the high bit of a zero byte. */
    private static final long ONES = 0x0101010101010101L;
    /** The high bit of each byte; a byte with it set is not ASCII. */
    private static final long HIGH_BITS = 0x8080808080808080L;

    private ByteWords() {
    }

    /** The eight bytes of {@code bytes} from {@code index}, the first in the lowest bits. */
    static long at(byte[] bytes, int index) {
        return (long) LONGS.get(bytes, index);
    }

    /** Nonzero if some byte of {@code word} is not ASCII (0x80 or over). */
    static long nonAscii(long word) {
        return word & HIGH_BITS;
    }

    /** Nonzero if some byte of {@code word} is below {@code limit} (at most 0x80); bytes of 0x80 and over never are. */
    static long below(long word, int limit) {
        return (word - ONES * limit) & ~word & HIGH_BITS;
    }

    /** Nonzero if some byte of {@code word} is {@code value} (ASCII). */
    static long equal(long word, int value) {
        return below(word ^ (ONES * value), 1);
    }
}
