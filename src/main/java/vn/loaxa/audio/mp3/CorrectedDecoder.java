package vn.loaxa.audio.mp3;

import java.lang.reflect.Field;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.FrameDecoder;
import javazoom.jl.decoder.Header;

/**
 * JLayer's decoder with its one wrong table entry corrected: the 24 kHz (MPEG-2) long-block
 * scalefactor band 18 starts at line 330 in JLayer but at 332 in ISO/IEC 13818-3 (and in mpg123
 * and minimp3). Lines 330-331 then take the wrong scalefactor; on M2L3_compl24 that is an error of
 * over 1000 LSB. JLayer builds the table per Layer III decoder instance, in a private field, so it
 * is corrected there, once, through the protected hook that hands out that instance.
 */
final class CorrectedDecoder extends Decoder {

    private static final int SFREQ_24000 = 1;
    private static final int BAND = 18;
    private static final int JLAYER_VALUE = 330;
    private static final int ISO_VALUE = 332;

    private boolean corrected;

    @Override
    protected FrameDecoder retrieveDecoder(Header header, Bitstream stream, int layer)
            throws DecoderException {
        FrameDecoder decoder = super.retrieveDecoder(header, stream, layer);
        if (!corrected && layer == 3) {
            correctBandTable(decoder);
            corrected = true;
        }
        return decoder;
    }

    private static void correctBandTable(FrameDecoder decoder) {
        try {
            Field field = decoder.getClass().getDeclaredField("sfBandIndex");
            field.setAccessible(true);
            Object[] tables = (Object[]) field.get(decoder);
            Field longBands = tables[SFREQ_24000].getClass().getDeclaredField("l");
            longBands.setAccessible(true);
            int[] l = (int[]) longBands.get(tables[SFREQ_24000]);
            if (l[BAND] == JLAYER_VALUE) {
                l[BAND] = ISO_VALUE;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A JLayer build without the field would also not have the defect as we know it;
            // the conformance test shows which.
            throw new IllegalStateException("cannot correct JLayer's 24 kHz band table", e);
        }
    }
}
