package vn.loaxa.audio.mp3;

/**
 * One complete frame as stored in the file: header word included, tags and junk excluded.
 *
 * @param index position among all frames of the stream, the header frame (Xing/Info) included
 */
record Frame(FrameHeader header, byte[] data, long offset, int index) {

    /** Bytes after the side information: this frame's contribution to the bit reservoir. */
    int payloadLength() {
        return data.length - header.sideInfoOffset() - header.sideInfoLength();
    }

    int payloadOffset() {
        return header.sideInfoOffset() + header.sideInfoLength();
    }
}
