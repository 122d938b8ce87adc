package vn.loaxa.base;

/**
 * A report, an export or the evidence bundle could not be rendered. It is the station's fault, not
 * the request's: the API answers {@code 500 REPORT_FAILED} with the translated reason, and nothing
 * of the file has been sent (files are rendered whole before the first byte goes out).
 */
public class ReportFailedException extends RuntimeException {

    public static final String CODE = "REPORT_FAILED";

    public ReportFailedException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
