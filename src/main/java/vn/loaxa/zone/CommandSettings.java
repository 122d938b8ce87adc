package vn.loaxa.zone;

import java.time.Duration;

/**
 * The operator's switching program: run without a shell as {@code program on|off code...}.
 *
 * @param program an absolute path to an executable
 * @param timeout after this the program is killed and its villages are taken as not switched
 */
public record CommandSettings(String program, Duration timeout) {
}
