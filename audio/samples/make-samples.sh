#!/usr/bin/env bash
# Regenerates the bundled Gio Sơn samples: a signature tune (sox), the station identification and
# one short bulletin per CCHC topic area (espeak-ng, Vietnamese northern voice), all MP3 64 kbps
# mono. Everything is made here from the seed plan's wording, so the licence is the project's.
# Needs: sox, espeak-ng, lame (Debian: apt-get install sox espeak-ng lame).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mp3() { # wav -> mp3, 44.1 kHz mono 64 kbps, without an ID3 tag
    sox "$1" -r 44100 -c 1 "$work/enc.wav" norm -3
    lame --quiet --noreplaygain -b 64 -m m "$work/enc.wav" "$2"
}

# --- Signature tune (nhạc hiệu): a pentatonic phrase, plucked, with a soft fifth below ------------
notes=(G4 A4 C5 D5 E5 D5 C5 A4   G4 C5 D5 E5 G5 E5 D5 C5   A4 C5 D5 E5 D5 C5 A4 G4   C5 C5 C5)
lengths=(.4 .4 .4 .4 .8 .4 .4 .8  .4 .4 .4 .4 .8 .4 .4 .8  .4 .4 .4 .4 .4 .4 .4 .8  .3 .3 1.6)
parts=()
for i in "${!notes[@]}"; do
    n=${notes[$i]}; d=${lengths[$i]}
    sox -n -r 44100 -c 1 "$work/n$i.wav" synth "$d" pluck "$n" synth "$d" sine "$n" \
        remix - fade 0.005 "$d" 0.08 vol 0.5
    parts+=("$work/n$i.wav")
done
sox "${parts[@]}" "$work/melody.wav"
len=$(soxi -D "$work/melody.wav")
sox -n -r 44100 -c 1 "$work/pad.wav" synth "$len" sine C3 sine G3 remix - fade 1 "$len" 2 vol 0.12
sox -m "$work/melody.wav" "$work/pad.wav" "$work/tune.wav" reverb 40 pad 0.2 0.8
mp3 "$work/tune.wav" nhac-hieu.mp3

# --- Speech ---------------------------------------------------------------------------------------
say() { # file text
    espeak-ng -v vi -s 150 -w "$work/say.wav" "$2"
    sox "$work/say.wav" "$work/say2.wav" pad 0.3 0.5
    mp3 "$work/say2.wav" "$1"
}

say gioi-thieu-dai.mp3 "Đây là Đài truyền thanh xã Gio Sơn, huyện Gio Linh, tỉnh Quảng Trị. \
Kính chào quý vị và các bạn đang nghe đài tại bảy thôn trong xã."

say ket-thuc.mp3 "Chương trình phát thanh của Đài truyền thanh xã Gio Sơn đến đây là kết thúc. \
Cảm ơn quý vị và các bạn đã chú ý lắng nghe."

say the-che.mp3 "Bản tin cải cách hành chính. Cải cách thể chế. \
Ủy ban nhân dân xã thông tin kịp thời, đầy đủ các văn bản quy phạm pháp luật đã được rà soát, sửa đổi, bổ sung. \
Đề nghị các cơ quan, đơn vị và các thôn phổ biến sâu rộng các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về cải cách hành chính."

say thu-tuc.mp3 "Bản tin cải cách thủ tục hành chính. \
Một trăm phần trăm thủ tục hành chính được cập nhật, công bố công khai và thực hiện theo cơ chế một cửa, một cửa liên thông. \
Người dân có thể nộp hồ sơ và nhận kết quả thủ tục hành chính qua dịch vụ bưu chính công ích, theo Quyết định số 45 năm 2016 của Ủy ban nhân dân tỉnh."

say bo-may.mp3 "Bản tin cải cách tổ chức bộ máy. \
Các cơ quan, ban ngành, đoàn thể xã và các thôn chủ động xây dựng kế hoạch, tổ chức tuyên truyền về cải cách hành chính, \
gắn với việc sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả."

say cong-vu.mp3 "Bản tin xây dựng đội ngũ cán bộ, công chức, viên chức. \
Nâng cao nhận thức, trách nhiệm của người đứng đầu và của cán bộ, công chức, viên chức về công tác cải cách hành chính, \
phục vụ ngày càng tốt hơn người dân và doanh nghiệp."

say tai-chinh.mp3 "Bản tin cải cách tài chính công. \
Kinh phí tuyên truyền cải cách hành chính năm 2022 sử dụng nguồn ngân sách nhà nước đã giao dự toán cho lĩnh vực văn hóa thông tin. \
Việc sử dụng ngân sách được công khai, minh bạch."

say chinh-quyen-so.mp3 "Bản tin chính quyền điện tử. \
Xã tiếp tục ứng dụng công nghệ thông tin trong tiếp nhận và giải quyết hồ sơ tại bộ phận một cửa, \
và triển khai dịch vụ công trực tuyến mức độ 3 và mức độ 4. Bà con hãy tìm hiểu và sử dụng dịch vụ công trực tuyến trên mạng Internet."

say chi-dao.mp3 "Bản tin công tác chỉ đạo, điều hành cải cách hành chính. \
Thực hiện Kế hoạch số 32 của Ủy ban nhân dân xã Gio Sơn về tuyên truyền cải cách hành chính năm 2022, \
văn hóa thông tin xã chủ trì, theo dõi, kiểm tra, đôn đốc các cơ quan, đơn vị và các thôn thực hiện."

say chi-so.mp3 "Bản tin về các chỉ số cải cách hành chính. \
Tuyên truyền cải cách hành chính góp phần nâng cao chỉ số cải cách hành chính PAR Index, chỉ số năng lực cạnh tranh cấp tỉnh PCI, \
chỉ số hiệu quả quản trị và hành chính công PAPI, và chỉ số hài lòng SIPAS. Mọi ý kiến đóng góp xin gửi về Ủy ban nhân dân xã."

# --- Programme opening: the signature tune, then the station identification ------------------------
sox nhac-hieu.mp3 "$work/a.wav"
sox gioi-thieu-dai.mp3 "$work/b.wav"
sox "$work/a.wav" "$work/b.wav" "$work/open.wav"
mp3 "$work/open.wav" mo-dau.mp3

ls -l ./*.mp3
du -ch ./*.mp3 | tail -1
