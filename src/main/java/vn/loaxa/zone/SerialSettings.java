package vn.loaxa.zone;

import java.time.Duration;

/**
 * A serial relay board's port, e.g. {@code /dev/ttyUSB0} or {@code COM3}, 8 data bits, no parity,
 * one stop bit (what the common boards ship with).
 *
 * @param unitId  the Modbus slave address (1..247); unused by single-byte boards
 * @param timeout how long to wait for an answer before the board is taken as not answering
 */
public record SerialSettings(String port, int baudRate, int unitId, Duration timeout) {
}
