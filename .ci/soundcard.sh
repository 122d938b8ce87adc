#!/usr/bin/env bash
# Virtual sound card for tests and measurement: a PulseAudio daemon (user mode, no D-Bus) with a
# pipe sink whose FIFO a test can record bit-exactly, a pipe source (the "microphone") whose FIFO
# a test feeds a known signal, and an anonymous native socket that Java Sound reaches through
# Debian's ALSA "default" -> PulseAudio hook.
#
#   eval "$(.ci/soundcard.sh start /tmp/loaxa-snd)"   # starts (or reuses) it, prints exports
#   .ci/soundcard.sh stop /tmp/loaxa-snd
#   .ci/soundcard.sh env /tmp/loaxa-snd               # prints the exports again
#
# Quiet on success: only the export lines go to stdout; daemon output goes to DIR/pulse.log.
# No module-suspend-on-idle is loaded (-n skips default.pa), so the sink never suspends and keeps
# writing silence into the FIFO while nothing plays: the recorder depends on that continuous
# stream to map sample index to wall-clock time.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop|status|env DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

export PULSE_RUNTIME_PATH="$dir/runtime"
export PULSE_STATE_PATH="$dir/state"
export PULSE_CONFIG_PATH="$dir/config"
export PULSE_SERVER="unix:$dir/native"
# A stray cookie lookup in $HOME must not matter: the socket is anonymous.
export HOME="${HOME:-/root}"

print_env() {
    echo "export PULSE_SERVER=unix:$dir/native"
    echo "export LOAXA_TEST_FIFO=$dir/out.fifo"
    echo "export LOAXA_TEST_MIC_FIFO=$dir/in.fifo"
}

is_running() {
    timeout 5 pactl info >/dev/null 2>&1
}

start() {
    if is_running; then
        print_env
        return 0
    fi
    mkdir -p "$PULSE_RUNTIME_PATH" "$PULSE_STATE_PATH" "$PULSE_CONFIG_PATH"
    # A socket left behind by a killed daemon would make the new one fail to bind.
    rm -f "$dir/native"
    # --disallow-exit: tests must not be able to shut the card down behind the next test's back.
    pulseaudio --daemonize=yes -n --exit-idle-time=-1 --use-pid-file=yes --disallow-exit \
        --log-target="file:$dir/pulse.log" \
        --load="module-native-protocol-unix auth-anonymous=1 socket=$dir/native" \
        --load="module-pipe-sink sink_name=virtual_out file=$dir/out.fifo format=s16le rate=44100 channels=2 use_system_clock_for_timing=yes" \
        --load="module-pipe-source source_name=virtual_in file=$dir/in.fifo format=s16le rate=44100 channels=1" \
        >>"$dir/pulse.log" 2>&1 || {
            echo "soundcard: pulseaudio failed to start; see $dir/pulse.log" >&2
            tail -n 20 "$dir/pulse.log" >&2 || true
            exit 1
        }
    for _ in $(seq 1 100); do
        if is_running; then
            pactl set-default-sink virtual_out >/dev/null 2>&1 || true
            pactl set-default-source virtual_in >/dev/null 2>&1 || true
            print_env
            return 0
        fi
        sleep 0.1
    done
    echo "soundcard: pulseaudio did not answer within 10 s; see $dir/pulse.log" >&2
    exit 1
}

stop() {
    local pidfile="$PULSE_RUNTIME_PATH/pid"
    if [[ -f "$pidfile" ]]; then
        local pid
        pid=$(cat "$pidfile" 2>/dev/null || true)
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$pidfile"
    fi
    rm -f "$dir/native"
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    status) is_running ;;
    env) print_env ;;
    *) usage ;;
esac
