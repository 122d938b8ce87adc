package vn.loaxa.station;

import java.nio.file.Path;

import org.springframework.boot.ExitCodeGenerator;

/**
 * Another process holds the data folder. Its exit code tells a script or service manager "already
 * running, try later" apart from a crash; Spring Boot exits the JVM with it.
 */
final class StationAlreadyRunningException extends IllegalStateException implements ExitCodeGenerator {

    /** EX_TEMPFAIL of sysexits.h: the folder frees itself when the other station stops. */
    static final int EXIT_CODE = 75;

    private final Path folder;
    private final StationLock.Holder holder;

    StationAlreadyRunningException(Path folder, StationLock.Holder holder) {
        super("The data folder " + folder + " is in use by another Loa Xa station: process " + holder.pid()
                + " on host " + holder.host() + ", started " + holder.started());
        this.folder = folder;
        this.holder = holder;
    }

    Path folder() {
        return folder;
    }

    StationLock.Holder holder() {
        return holder;
    }

    @Override
    public int getExitCode() {
        return EXIT_CODE;
    }
}
