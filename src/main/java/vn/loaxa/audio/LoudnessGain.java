package vn.loaxa.audio;

import org.jspecify.annotations.Nullable;

/**
 * The gain that brings one item to the station's loudness target (decision 0034): the difference
 * between the target and the item's integrated loudness measured at import, lowered so that the
 * item's measured peak stays under the ceiling. An item never measured (too short, silent, or
 * imported before measuring) is played as it is.
 */
public final class LoudnessGain {

    /** The most the player can lift an item (its gain stage's limit, about +12 dB). */
    public static final double MAX_BOOST_DB = 20 * Math.log10(4.0);
    /** Below this the item would be all but silent: a measurement that asks for more is not trusted. */
    public static final double MAX_CUT_DB = -30.0;

    private LoudnessGain() {
    }

    /**
     * @param measuredLufs integrated loudness of the item; null or NaN when it was not measured
     * @param peakDbfs     the item's peak, which the ceiling is held against
     * @param targetLufs   the station's target
     * @param ceilingDb    the highest peak the gain may produce
     * @return the gain in dB, rounded to hundredths (the air log's precision, so the log records
     *         exactly what was applied)
     */
    public static double gainDb(@Nullable Double measuredLufs, double peakDbfs, double targetLufs, double ceilingDb) {
        if (measuredLufs == null || !Double.isFinite(measuredLufs)) {
            return 0.0;
        }
        double gain = targetLufs - measuredLufs;
        if (Double.isFinite(peakDbfs)) {
            gain = Math.min(gain, ceilingDb - peakDbfs);
        }
        gain = Math.max(MAX_CUT_DB, Math.min(MAX_BOOST_DB, gain));
        return Math.round(gain * 100) / 100.0;
    }

    /** The linear factor the player multiplies samples by. */
    public static double linear(double gainDb) {
        return Math.pow(10, gainDb / 20);
    }
}
