package vn.loaxa.audit;

import org.jspecify.annotations.Nullable;

import vn.loaxa.base.HashChain;

/**
 * One audit_log row exactly as stored, and its place in the chain: the same canonical text and
 * hash as the air log's rows ({@link HashChain}), under its own version line, over every column but
 * row_hash (seq included, so moving or removing a row breaks the chain as editing one does).
 */
record AuditRow(long seq, long atMs, String actor, String action, @Nullable String targetKind,
                @Nullable String targetId, @Nullable String targetName, @Nullable String details,
                @Nullable String clientAddress, String via, String prevHash, String rowHash) implements HashChain.Link {

    private static final String VERSION = "loaxa-audit-v1";

    static AuditRow chained(AuditRecords.Entry e, long atMs, long seq, String prevHash) {
        var row = new AuditRow(seq, atMs, e.actor(), e.action(), e.targetKind(), e.targetId(), e.targetName(),
                e.details(), e.clientAddress(), e.via().name(), prevHash, "");
        return new AuditRow(seq, atMs, row.actor, row.action, row.targetKind, row.targetId, row.targetName,
                row.details, row.clientAddress, row.via, prevHash, row.computeHash());
    }

    String canonical() {
        return HashChain.canonical(VERSION, seq, atMs, actor, action, targetKind, targetId, targetName, details,
                clientAddress, via, prevHash);
    }

    @Override
    public String computeHash() {
        return HashChain.sha256Hex(canonical());
    }
}
