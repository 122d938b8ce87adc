#!/usr/bin/env bash
# Regenerates the MP3 test fixtures. Needs espeak-ng (Vietnamese voice), sox, lame and ffmpeg.
# Expected sample counts in Mp3DecoderTest come from `mpg123 -s FILE | wc -c` on these files.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

espeak-ng -v vi -s 150 -w "$tmp/voice.wav" "Thông báo của Ủy ban nhân dân xã về lịch tiêm phòng."
# Speech at 22.05 kHz mono, about 3 s; a stereo version with a tone on the right channel.
sox -v 0.7 "$tmp/voice.wav" -r 44100 -c 1 "$tmp/m44.wav" trim 0 2.5
sox -n -r 44100 -c 1 "$tmp/tone44.wav" synth 2.5 sine 440 vol 0.3
sox -M "$tmp/m44.wav" "$tmp/tone44.wav" "$tmp/s44.wav"

lame --quiet -b 64 -m m --resample 44.1 "$tmp/m44.wav" mono-44k-cbr.mp3
lame --quiet -b 128 -m j --resample 44.1 "$tmp/s44.wav" stereo-44k-cbr.mp3
lame --quiet -V 4 -m j --resample 44.1 "$tmp/s44.wav" stereo-44k-vbr.mp3
sox "$tmp/s44.wav" -r 48000 "$tmp/s48.wav"
lame --quiet -b 128 -m s --resample 48 "$tmp/s48.wav" stereo-48k-cbr.mp3
sox "$tmp/m44.wav" -r 22050 "$tmp/m22.wav"
lame --quiet -V 6 --resample 22.05 "$tmp/m22.wav" mono-22k-vbr.mp3
sox "$tmp/s44.wav" -r 16000 "$tmp/s16.wav"
lame --quiet -b 48 -m j --resample 16 "$tmp/s16.wav" stereo-16k-cbr.mp3
sox "$tmp/m44.wav" -r 8000 "$tmp/m8.wav"
lame --quiet -b 24 --resample 8 "$tmp/m8.wav" mono-8k-cbr.mp3
# No LAME tag: every frame is played.
lame --quiet -b 64 -m m -t --resample 44.1 "$tmp/m44.wav" mono-44k-notag.mp3

# ID3v2 tag with an embedded picture, and ID3v1 + APEv2 tags at the end.
sox -n -r 8000 -c 1 "$tmp/pic.wav" synth 0.1 noise
printf 'P6\n32 32\n255\n' > "$tmp/pic.ppm"; head -c 3072 /dev/urandom >> "$tmp/pic.ppm"
ffmpeg -loglevel error -y -i "$tmp/pic.ppm" "$tmp/cover.png"
lame --quiet -b 64 -m m --ti "$tmp/cover.png" --tt "Bản tin sáng" --id3v2-only "$tmp/m44.wav" id3v2-picture.mp3
lame --quiet -b 64 -m m --tt "Ban tin" --id3v1-only "$tmp/m44.wav" id3v1.mp3
cp mono-44k-cbr.mp3 apev2.mp3
# APEv2: header, one item (Title = "Ban t"), footer. Size 51 = 19 bytes of item + 32 of footer.
ape_fields() { printf 'APETAGEX\xd0\x07\x00\x00\x33\x00\x00\x00\x01\x00\x00\x00'; printf "$1"; head -c 8 /dev/zero; }
{ ape_fields '\x00\x00\x00\xa0'; printf '\x05\x00\x00\x00\x00\x00\x00\x00Title\x00Ban t'; ape_fields '\x00\x00\x00\x80'; } >> apev2.mp3

# Damaged and foreign files.
size=$(stat -c %s mono-44k-cbr.mp3)
head -c $((size - 100)) mono-44k-cbr.mp3 > truncated.mp3
cp mono-44k-cbr.mp3 corrupt.mp3
head -c 2000 /dev/urandom | dd of=corrupt.mp3 bs=1 seek=$((size / 2)) conv=notrunc status=none
: > empty.mp3
printf 'Lịch phát thanh tuần này: thứ hai 6 giờ sáng, bản tin thời sự.\n%.0s' {1..20} > text.mp3
cp "$tmp/cover.png" image.mp3
ffmpeg -loglevel error -y -i "$tmp/m44.wav" -c:a mp2 -b:a 128k -f mp2 layer2.mp3
