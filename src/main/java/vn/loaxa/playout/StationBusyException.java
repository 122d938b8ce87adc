package vn.loaxa.playout;

/** The output is already playing a broadcast; the caller decides whether to wait, cut or skip. */
public class StationBusyException extends Exception {

    public StationBusyException(String current) {
        super("The output is busy playing " + current);
    }
}
