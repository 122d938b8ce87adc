#!/usr/bin/env bash
# Installs (or upgrades) Loa Xã as the systemd service "loaxa" on a Linux station PC.
#
#   sudo packaging/linux/install.sh [--dry-run] [path/to/station-folder | path/to/loaxa.jar]
#
# Without an argument it takes this project's target/station/ (./mvnw -DskipTests package): the
# extracted jar with, when built on JDK 25, its AOT cache (decision 0025). A plain loaxa.jar works
# too, only without the cache.
# Idempotent: run it again to upgrade; the data, the audio library, the logs and /etc/loaxa/loaxa.env
# are kept. --dry-run prints what it would do and changes nothing (needs no root).
# LOAXA_ROOT=/some/dir installs under that folder instead of / (for tests and image building); it
# then neither creates the user nor calls systemctl.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)
root=${LOAXA_ROOT:-}
root=${root%/}
dry_run=false
jar=""

for arg in "$@"; do
    case "$arg" in
        --dry-run) dry_run=true ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "install.sh: unknown option $arg (use --dry-run, a station folder or a jar path)" >&2; exit 2 ;;
        *) jar=$arg ;;
    esac
done

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }
# Runs a command, or with --dry-run prints it.
run() {
    if $dry_run; then
        echo "would run:$(printf " %q" "$@")"
    else
        "$@"
    fi
}

if ! $dry_run && [[ -z "$root" && $EUID -ne 0 ]]; then
    die "must run as root (it creates the loaxa user, folders under /opt, /var and /etc and the systemd unit): sudo $0 $*"
fi

# --- What to install -------------------------------------------------------------
if [[ -z "$jar" ]]; then
    jar=$project/target/station
    [[ -f "$jar/app/loaxa.jar" ]] || die "nothing given and no $jar/app/loaxa.jar: build it with ./mvnw -DskipTests package, or pass a station folder or a jar"
fi
station=""
if [[ -d "$jar" ]]; then
    station=$(cd "$jar" && pwd)
    [[ -f "$station/app/loaxa.jar" ]] || die "$station is no station folder: it has no app/loaxa.jar (./mvnw -DskipTests package makes target/station)"
else
    [[ -f "$jar" ]] || die "no such jar: $jar"
fi

# The station needs Java 21 or newer; Debian 12's default java is 17.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }
java_bin=""
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    major=$(java_major "$candidate")
    if [[ -n "$major" && "$major" -ge 21 ]]; then
        java_bin=$(readlink -f "$candidate")
        break
    fi
done
[[ -n "$java_bin" ]] || die "no Java 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm): apt-get install openjdk-21-jre-headless or a Temurin 21+"

opt=$root/opt/loaxa
var=$root/var/lib/loaxa
log=$root/var/log/loaxa
etc=$root/etc/loaxa
unit=$root/etc/systemd/system/loaxa.service
system=$([[ -z "$root" ]] && echo true || echo false)

say "installing $jar with $java_bin into ${root:-/}"
$dry_run && say "dry run: nothing is changed"

# --- The service user: no login, no home of its own beyond the data folder, may open the sound
# card (audio) and serial relay boards (dialout) ---------------------------------------------
if $system; then
    if id -u loaxa >/dev/null 2>&1; then
        say "user loaxa exists"
        run usermod -a -G audio loaxa
    else
        run useradd --system --user-group --groups audio --home-dir /var/lib/loaxa --no-create-home \
            --shell /usr/sbin/nologin --comment "Loa Xa station" loaxa
    fi
    if getent group dialout >/dev/null 2>&1; then
        run usermod -a -G dialout loaxa
    fi
    owner=(-o loaxa -g loaxa)
    root_owner=(-o root -g root)
    env_owner=(-o root -g loaxa)
else
    say "LOAXA_ROOT set: no user, no ownership changes, no systemctl"
    owner=()
    root_owner=()
    env_owner=()
fi

# --- Folders: program (root's, read-only to the service), state and logs (the service's) ------
run install -d -m 0755 "${root_owner[@]}" "$opt" "$opt/bin"
run install -d -m 0750 "${owner[@]}" "$var" "$var/audio" "$log"
# The database, the generated admin password, the TLS key and backups: the service user only.
run install -d -m 0700 "${owner[@]}" "$var/data" "$var/backups"

# --- Program files: replaced on every run ---------------------------------------------------
# The application is app/loaxa.jar (with app/lib/ from a station folder) in /opt/loaxa, the
# service's working folder. The files keep their times: the AOT cache is only used for the jars
# it was made from, and a changed time counts as a changed jar.
run rm -rf "$opt/app" "$opt/loaxa.jar"
if [[ -n "$station" ]]; then
    run cp -r --preserve=mode,timestamps "$station/app" "$opt/app"
else
    run install -d -m 0755 "${root_owner[@]}" "$opt/app"
    run install -m 0644 "${root_owner[@]}" "$jar" "$opt/app/loaxa.jar"
fi
if $system; then
    run chown -R root:root "$opt/app"
fi
options=$here/../loaxa.jvmopts
[[ -n "$station" && -f "$station/loaxa.jvmopts" ]] && options=$station/loaxa.jvmopts
run install -m 0644 "${root_owner[@]}" "$options" "$opt/loaxa.jvmopts"
run ln -sfn "$java_bin" "$opt/bin/java"
# The unit always passes loaxa-aot.jvmopts. It names the AOT cache only where the JVM knows the
# option (JDK 25 and newer; JDK 21 would refuse to start) and a cache was built; otherwise it is
# left empty and the station starts without one, only slower.
java_version=$(java_major "$java_bin")
if [[ -n "$station" && -f "$station/app/loaxa.aot" && -f "$station/loaxa-aot.jvmopts" && "$java_version" -ge 25 ]]; then
    run install -m 0644 "${root_owner[@]}" "$station/loaxa-aot.jvmopts" "$opt/loaxa-aot.jvmopts"
elif $dry_run; then
    echo "would write: $opt/loaxa-aot.jvmopts without an AOT cache (Java $java_version, or no cache built)"
else
    printf '# No AOT cache: Java %s, or none was built (decision 0025).\n' "$java_version" > "$opt/loaxa-aot.jvmopts"
    chmod 0644 "$opt/loaxa-aot.jvmopts"
fi
for shipped in schedules audio/samples; do
    if [[ -d "$project/$shipped" ]]; then
        run install -d -m 0755 "${root_owner[@]}" "$opt/$shipped"
        run cp -r --no-preserve=ownership "$project/$shipped/." "$opt/$shipped/"
    fi
done
[[ -f "$project/README.md" ]] && run install -m 0644 "${root_owner[@]}" "$project/README.md" "$opt/README.md"
run install -d -m 0755 "$(dirname "$unit")"
run install -m 0644 "${root_owner[@]}" "$here/loaxa.service" "$unit"

# --- Settings: written once, a technician's changes are kept ---------------------------------
run install -d -m 0755 "${root_owner[@]}" "$etc"
if [[ -f "$etc/loaxa.env" ]]; then
    say "keeping $etc/loaxa.env"
else
    run install -m 0640 "${env_owner[@]}" "$here/loaxa.env" "$etc/loaxa.env"
fi

# --- Start it now and at every boot; an upgrade restarts it on the new jar --------------------
if $system; then
    run systemctl daemon-reload
    if systemctl is-active --quiet loaxa.service 2>/dev/null; then
        run systemctl restart loaxa.service
    else
        run systemctl enable --now loaxa.service
    fi
    say "status: systemctl status loaxa; log: journalctl -u loaxa -f (files in /var/log/loaxa)"
    say "first start: the admin password is in /var/lib/loaxa/data/initial-admin-password.txt"
fi
say "done"
