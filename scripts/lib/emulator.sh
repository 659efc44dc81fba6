# shellcheck shell=bash
# Local AWS emulator (ministack) helpers. Source this file; it defines:
#
#   emulator_install               create $ROOT/.venv and install requirements-emulator.txt
#   emulator_start [VAR=value...]  start ministack on a free 127.0.0.1 port, wait until healthy,
#                                  export OPSDECK_EMULATOR_URL and OPSDECK_EMULATOR_PID
#   emulator_stop                  stop the emulator started by emulator_start
#
# Everything the emulator writes (log, pid file, temp files) stays under $ROOT/.opsdeck/.
# Docker is never used: the emulator runs in its metadata-only mode (tasks are RUNNING at once,
# databases and caches are records without a real engine behind them).

EMULATOR_ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
EMULATOR_VENV="$EMULATOR_ROOT/.venv"
EMULATOR_REQUIREMENTS="$EMULATOR_ROOT/requirements-emulator.txt"
EMULATOR_STAMP="$EMULATOR_VENV/.requirements-emulator.sha256"
EMULATOR_HEALTH_TIMEOUT="${EMULATOR_HEALTH_TIMEOUT:-30}"

_emulator_python() {
    if command -v python3 >/dev/null 2>&1; then
        echo python3
    else
        echo "emulator: python3 is required (apt-get install python3 python3-venv)" >&2
        return 1
    fi
}

_emulator_requirements_hash() {
    "$(_emulator_python)" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
        "$EMULATOR_REQUIREMENTS"
}

emulator_install() {
    local py wanted have="" out
    py="$(_emulator_python)" || return 1
    wanted="$(_emulator_requirements_hash)" || return 1
    if [[ ! -x "$EMULATOR_VENV/bin/python" ]]; then
        if ! out="$("$py" -m venv "$EMULATOR_VENV" 2>&1)"; then
            echo "$out" >&2
            echo "emulator: could not create $EMULATOR_VENV (is python3-venv installed?)" >&2
            return 1
        fi
    fi
    [[ -f "$EMULATOR_STAMP" ]] && have="$(<"$EMULATOR_STAMP")"
    if [[ -x "$EMULATOR_VENV/bin/ministack" && "$have" == "$wanted" ]]; then
        return 0
    fi
    if ! out="$("$EMULATOR_VENV/bin/python" -m pip install --disable-pip-version-check --quiet \
        -r "$EMULATOR_REQUIREMENTS" 2>&1)"; then
        echo "$out" >&2
        echo "emulator: pip install -r $EMULATOR_REQUIREMENTS failed" >&2
        return 1
    fi
    echo "$wanted" >"$EMULATOR_STAMP"
}

_emulator_free_port() {
    "$(_emulator_python)" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# Exit status 0 when GET $1/_ministack/health answers 200.
_emulator_healthy() {
    "$EMULATOR_VENV/bin/python" -c 'import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1] + "/_ministack/health", timeout=2) as r:
        sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)' "$1"
}

emulator_start() {
    local port dir log pid url deadline
    if [[ ! -x "$EMULATOR_VENV/bin/ministack" ]]; then
        echo "emulator: $EMULATOR_VENV/bin/ministack is missing; run emulator_install first" >&2
        return 1
    fi
    port="$(_emulator_free_port)" || return 1
    dir="$EMULATOR_ROOT/.opsdeck/emulator-$port"
    mkdir -p "$dir/tmp"
    log="$dir/ministack.log"
    # DOCKER_HOST names a socket that does not exist, so ministack never talks to a Docker daemon
    # even on a machine that has one. The IoT MQTT (8883) and SFTP listeners are turned off: they
    # would bind fixed ports. Temp files, the pid file and (unused) state dirs live in $dir.
    # The emulator gets its own process group, so a Ctrl-C in the terminal (or a CI timeout that
    # signals the whole group) does not kill it before its users: emulator_stop ends it.
    env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN \
        GATEWAY_PORT="$port" \
        BIND_HOST=127.0.0.1 \
        MINISTACK_HOST=localhost \
        MINISTACK_REGION="${MINISTACK_REGION:-us-east-1}" \
        DOCKER_HOST="unix://$dir/no-docker.sock" \
        IOT_MTLS_ENABLED=0 \
        SFTP_ENABLED=0 \
        PERSIST_STATE=0 \
        S3_PERSIST=0 \
        STATE_DIR="$dir/state" \
        S3_DATA_DIR="$dir/s3" \
        TMPDIR="$dir/tmp" \
        LOG_LEVEL="${EMULATOR_LOG_LEVEL:-WARNING}" \
        "$@" \
        "$EMULATOR_VENV/bin/python" -c 'import os, sys; os.setpgrp(); os.execv(sys.argv[1], sys.argv[1:])' \
        "$EMULATOR_VENV/bin/ministack" >"$log" 2>&1 </dev/null &
    pid=$!
    url="http://127.0.0.1:$port"
    deadline=$((SECONDS + EMULATOR_HEALTH_TIMEOUT))
    until _emulator_healthy "$url"; do
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
            echo "emulator: ministack did not become healthy on $url; last lines of $log:" >&2
            tail -n 30 "$log" >&2
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
            return 1
        fi
        sleep 0.2
    done
    export OPSDECK_EMULATOR_URL="$url"
    export OPSDECK_EMULATOR_PID="$pid"
    export OPSDECK_EMULATOR_LOG="$log"
}

emulator_stop() {
    local pid="${OPSDECK_EMULATOR_PID:-}" i
    [[ -n "$pid" ]] || return 0
    if kill "$pid" 2>/dev/null; then
        # Not necessarily our child (a caller may have exported the pid), so poll instead of wait.
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null || true
    fi
    unset OPSDECK_EMULATOR_URL OPSDECK_EMULATOR_PID OPSDECK_EMULATOR_LOG
    return 0
}
