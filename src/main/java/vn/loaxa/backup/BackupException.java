package vn.loaxa.backup;

/**
 * A backup that could not be made or did not verify. The code names the reason for the operator
 * ({@code backup.problem.<code>} in the UI texts); the message is the technical detail.
 */
public class BackupException extends Exception {

    /** Why. */
    public enum Code { FOLDER_MISSING, FOLDER_UNWRITABLE, DISK_FULL, COPY_FAILED, VERIFY_FAILED, RUNNING }

    private final Code code;

    public BackupException(Code code, String detail) {
        super(detail);
        this.code = code;
    }

    public BackupException(Code code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
