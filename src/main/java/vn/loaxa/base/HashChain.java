package vn.loaxa.base;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The hash chain shared by the station's append-only logs (the air log, the audit trail): how a row
 * is written down for hashing, the hash, and the walk that checks a log row by row. Each row's hash
 * is {@code SHA-256(canonical(row) + prev_hash)}, the canonical text being a version line, then every
 * column in a fixed order, each value length-prefixed ({@code <len>:<value>}, {@code ~} for null), so
 * no choice of text can make two different rows serialise alike. The first row links to
 * {@link #GENESIS}. See docs/decisions/0004-schedule-and-airlog.md.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    /** A row of a chained log. */
    public interface Link {
        long seq();

        String prevHash();

        String rowHash();

        /** The hash the row's content and link give now: equal to {@link #rowHash()} unless it was altered. */
        String computeHash();
    }

    /**
     * The result of walking a chain.
     *
     * @param firstBadRow the sequence number of the first row that no longer matches; null when intact
     * @param problem     what did not match, for the person checking
     * @param headHash    the last row's hash: written into a report, it pins the log as it was then
     */
    public record Check(boolean intact, long checkedRows, @Nullable Long firstBadRow, @Nullable String problem,
                        @Nullable String headHash) {
    }

    /** The canonical text of one row: {@code version}, then each value in order (the previous hash last). */
    public static String canonical(String version, @Nullable Object... values) {
        var sb = new StringBuilder(512).append(version).append('\n');
        for (var v : values) {
            if (v == null) {
                sb.append("~\n");
            } else {
                var s = v.toString();
                sb.append(s.length()).append(':').append(s).append('\n');
            }
        }
        return sb.toString();
    }

    public static String sha256Hex(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * Checks each row against its predecessor as rows stream past in sequence order, without holding
     * them: names the first row where the sequence skips (a row removed before it), the link differs
     * from the previous row's hash (the previous row rewritten with a fresh hash), or the content no
     * longer hashes to the stored hash (the row itself edited).
     */
    public static final class Walk<T extends Link> implements Consumer<T> {
        private long checked;
        private long previousSeq;
        private String previousHash = GENESIS;
        private @Nullable Long firstBad;
        private @Nullable String problem;

        @Override
        public void accept(T row) {
            checked++;
            if (firstBad == null) {
                if (row.seq() != previousSeq + 1) {
                    bad(row, "row " + (previousSeq + 1) + " is missing before row " + row.seq());
                } else if (!row.prevHash().equals(previousHash)) {
                    bad(row, "its link does not match the hash of row " + previousSeq);
                } else if (!row.computeHash().equals(row.rowHash())) {
                    bad(row, "its content does not match its hash");
                }
            }
            previousSeq = row.seq();
            previousHash = row.rowHash();
        }

        private void bad(T row, String why) {
            firstBad = row.seq();
            problem = "Row " + row.seq() + ": " + why;
        }

        public Check result() {
            return new Check(firstBad == null, checked, firstBad, problem, checked == 0 ? null : previousHash);
        }
    }
}
