# shellcheck shell=bash
# Helper functions for scripts/setup. Source this file; it defines functions only.
#
# Expects these variables to be set by the caller:
#   BENCH_USER     user that owns and runs the bench (bench refuses to run as root)
#   FRAPPE_BENCH   bench directory

# ---------------------------------------------------------------- logging
log()  { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '\033[1;33mWARN:\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as root (directly when we are root, else through sudo).
as_root() {
	if is_root; then "$@"; else sudo "$@"; fi
}

# Minimal, predictable environment for commands run as the bench user.
# Root's own PATH may point at tools the bench user cannot read (e.g. a pyenv
# under /root), so we build PATH from scratch and only pass through proxy/CA
# and registry settings.
bench_env() {
	local home
	home=$(getent passwd "$BENCH_USER" | cut -d: -f6)
	local -a vars=(
		"HOME=$home" "USER=$BENCH_USER" "LOGNAME=$BENCH_USER" "SHELL=/bin/bash"
		"PATH=$home/.local/bin:/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"
		"LANG=C.UTF-8" "LC_ALL=C.UTF-8" "TERM=${TERM:-dumb}"
		# never let uv download its own Python build: use the system one
		"UV_PYTHON_DOWNLOADS=never"
	)
	local v
	for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY \
		PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CERT UV_INDEX_URL UV_DEFAULT_INDEX \
		UV_NATIVE_TLS SSL_CERT_FILE REQUESTS_CA_BUNDLE NODE_EXTRA_CA_CERTS \
		npm_config_registry YARN_REGISTRY CI; do
		[ -n "${!v:-}" ] && vars+=("$v=${!v}")
	done
	printf '%s\0' "${vars[@]}"
}

# as_bench 'shell command' -- run a shell command as BENCH_USER, in FRAPPE_BENCH
# when it exists (else in the bench user's home).
as_bench() {
	local cmd="$1" dir="$FRAPPE_BENCH"
	[ -d "$dir" ] || dir=$(dirname "$FRAPPE_BENCH")
	local -a envv=()
	mapfile -d '' envv < <(bench_env)
	if [ "$(id -un)" = "$BENCH_USER" ]; then
		env "${envv[@]}" bash -c "cd '$dir' || exit 1; $cmd" 9>&-
	else
		as_root runuser -u "$BENCH_USER" -- env -i "${envv[@]}" bash -c "cd '$dir' || exit 1; $cmd" 9>&-
	fi
}

# ---------------------------------------------------------------- packages
APT_UPDATED=0
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# apt_install pkg... -- install only the packages that are missing.
apt_install() {
	command -v apt-get >/dev/null || { warn "apt-get not found; please install manually: $*"; return 0; }
	local -a missing=()
	local p
	for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$APT_UPDATED" -eq 0 ]; then
		as_root apt-get update -qq
		APT_UPDATED=1
	fi
	info "apt-get install ${missing[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ---------------------------------------------------------------- services
# tcp_open HOST PORT -- true when something accepts TCP connections there.
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# redis_ping HOST PORT -- true when a Redis server answers PING.
redis_ping() {
	local reply
	reply=$( (exec 3<>"/dev/tcp/$1/$2" && printf 'PING\r\n' >&3 && timeout 2 head -c 5 <&3) 2>/dev/null) || return 1
	[[ "$reply" == "+PONG"* ]]
}

# start_service NAME [fallback command...] -- start a system service with
# whatever init system exists (systemd, sysv `service`), else run the fallback.
start_service() {
	local name="$1"; shift
	if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
		as_root systemctl enable --now "$name" && return 0
	fi
	if command -v service >/dev/null && [ -e "/etc/init.d/$name" ]; then
		as_root service "$name" start && return 0
	fi
	if [ $# -gt 0 ]; then
		as_root "$@"
	else
		return 1
	fi
}

# wait_for SECONDS description command... -- poll until command succeeds.
wait_for() {
	local secs="$1" what="$2"; shift 2
	local i
	for ((i = 0; i < secs; i++)); do
		"$@" && return 0
		sleep 1
	done
	die "timed out after ${secs}s waiting for $what"
}

# http_ok URL -- true when URL answers 2xx (uses curl, or python as fallback).
http_ok() {
	if command -v curl >/dev/null; then
		curl -fs -o /dev/null --max-time 5 "$1"
	else
		python3 -c 'import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$1" 2>/dev/null
	fi
}

# ---------------------------------------------------------------- git
# git_safe_dir DIR -- mark DIR as a safe git directory system-wide, so root and
# the bench user can both run git in repositories owned by the other one.
git_safe_dir() {
	command -v git >/dev/null || return 0
	git config --system --get-all safe.directory 2>/dev/null | grep -qxF "$1" && return 0
	as_root git config --system --add safe.directory "$1"
}
