package io.contextstore.platform.db;

import java.time.Instant;
import java.time.ZoneOffset;
import org.postgresql.util.ByteConverter;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * An instant bound as a {@code timestamptz} in PostgreSQL's binary form: microseconds since 2000-01-01 UTC, eight
 * bytes. pgjdbc sends java.time values as text, making a calendar for each statement and formatting each value, and
 * the server parses the text back; a projector binds two or three timestamps an event. A connection that does not send
 * timestamptz in binary gets the same instant as text.
 */
final class BinaryTimestamp extends PGobject implements PGBinaryObject {

    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;

    private final Instant instant;

    BinaryTimestamp(Instant instant) {
        this.instant = instant;
        this.type = "timestamptz";
    }

    @Override
    public void setByteValue(byte[] value, int offset) {
        throw new UnsupportedOperationException("bound only, never read");
    }

    @Override
    public int lengthInBytes() {
        return 8;
    }

    /**
     * Exact for every instant PostgreSQL can hold. One beyond its range fails there, as its text would (SQLSTATE class
     * 22, a record the projector sets aside), also one too far for a long of microseconds: that one is sent one short of
     * the long's ends, which PostgreSQL reserves for its infinities.
     */
    @Override
    public void toBytes(byte[] bytes, int offset) {
        long micros;
        try {
            micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECOND, 1_000_000L),
                    instant.getNano() / 1_000);
        } catch (ArithmeticException beyondALong) {
            micros = instant.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE - 1;
        }
        ByteConverter.int8(bytes, offset, micros);
    }

    @Override
    public String getValue() {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }
}
