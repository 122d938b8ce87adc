package vn.loaxa.zone;

/**
 * DTMF control tones (ITU-T Q.23 frequencies; Q.24 timing: a tone of at least 40 ms and a pause of
 * at least 40 ms are recognised by receivers, so the defaults sit well above both).
 *
 * @param levelDbfs each of the two frequencies' level, in dBFS (e.g. -10: their sum peaks at -4 dBFS)
 * @param toneMs    each digit's tone length
 * @param pauseMs   the silence after each digit
 */
public record DtmfSettings(double levelDbfs, int toneMs, int pauseMs) {

    public static final DtmfSettings DEFAULT = new DtmfSettings(-10, 100, 100);
}
