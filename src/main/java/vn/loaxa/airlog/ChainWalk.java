package vn.loaxa.airlog;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import vn.loaxa.airlog.AirLogRecords.Verification;

/** Checks each row against its predecessor as rows stream past. */
final class ChainWalk implements Consumer<LogRow> {
    private long checked;
    private long previousSeq;
    private String previousHash = LogRow.GENESIS;
    private @Nullable Long firstBad;
    private @Nullable String problem;

    @Override
    public void accept(LogRow row) {
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

    private void bad(LogRow row, String why) {
        firstBad = row.seq();
        problem = "Row " + row.seq() + ": " + why;
    }

    Verification result() {
        return new Verification(firstBad == null, checked, firstBad, problem, checked == 0 ? null : previousHash);
    }
}
