package vn.loaxa.audio.mp3;

/**
 * What the decoding loop must know about a frame it hands to JLayer, since JLayer does not say.
 *
 * @param sourceChannels channels of the frame as stored in the file
 * @param missing the frame's main data lies before the start of the stream (play silence)
 */
record FrameMeta(int sourceChannels, boolean missing) {
}
