#!/usr/bin/env bash
# Runs a command (normally jest) where test code can start its own pcscd with the vpcd driver.
#
# Preferred: private mount + network + PID namespaces. The private /run/pcscd keeps our pcscd
# apart from any system one, the private loopback may use TCP quickack (vpcd round trips drop
# from ~44 ms to ~0.2 ms), and the PID namespace guarantees that no pcscd outlives the command:
# when the namespace's first process exits, the kernel kills everything left inside.
# Without root, an unprivileged user namespace gives the same when the kernel allows it.
# Otherwise: on CI this is a failure; elsewhere the command runs on the host (slow path).
#
# Sets RESILIENT_PCSC_HARNESS=namespace or host, and RESILIENT_PCSC_PCSCD to pcscd's path.
set -euo pipefail

readonly self="${BASH_SOURCE[0]}"
readonly debian_packages="pcscd vsmartcard-vpcd libpcsclite-dev"
readonly vpcd_driver="/usr/lib/pcsc/drivers/serial/libifdvpcd.so"

die() {
  echo "run-in-namespace: $*" >&2
  exit 1
}

find_pcscd() {
  if command -v pcscd >/dev/null 2>&1; then
    command -v pcscd
  elif [[ -x /usr/sbin/pcscd ]]; then
    echo /usr/sbin/pcscd
  else
    return 1
  fi
}

setup_inside_namespace() {
  # On a host without /run/pcscd an unprivileged namespace cannot create it, so cover /run.
  if ! { mkdir -p /run/pcscd 2>/dev/null && mount -t tmpfs -o mode=0755 tmpfs /run/pcscd; }; then
    mount -t tmpfs -o mode=0755 tmpfs /run || die "cannot mount a private tmpfs on /run/pcscd or /run"
    mkdir -p /run/pcscd
  fi
  ip link set lo up || die "cannot bring up loopback in the private network namespace"
  # vpcd's default slots lie inside the ephemeral port range: keep client connections off them,
  # or a slot whose port a client socket holds (even in TIME_WAIT) cannot listen after a restart.
  if ! echo 35963-35964 >/proc/sys/net/ipv4/ip_local_reserved_ports 2>/dev/null; then
    echo "run-in-namespace: warning: cannot reserve vpcd's ports 35963-35964 for listening" >&2
  fi
  if ! ip route change local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1; then
    echo "run-in-namespace: warning: quickack on loopback refused; vpcd APDUs will take ~44 ms each" >&2
  fi
}

if [[ "${1:-}" == "--inside-namespace" ]]; then
  shift
  setup_inside_namespace
  export RESILIENT_PCSC_HARNESS=namespace
  # Not exec: this shell is PID 1 of the namespace; its exit is what reaps stray daemons.
  set +e
  "$@"
  exit $?
fi

[[ $# -gt 0 ]] || die "usage: $0 COMMAND [ARG...]"

pcscd_path="$(find_pcscd)" ||
  die "pcscd not found (looked in PATH and /usr/sbin). On Debian/Ubuntu: apt-get install $debian_packages"
[[ -e "$vpcd_driver" && -e /etc/reader.conf.d/vpcd ]] ||
  die "the vpcd reader driver is missing ($vpcd_driver, /etc/reader.conf.d/vpcd). On Debian/Ubuntu: apt-get install $debian_packages"
export RESILIENT_PCSC_PCSCD="$pcscd_path"

namespace_flags=(--mount --net --pid --fork --mount-proc --kill-child)
if [[ "$(id -u)" != 0 ]]; then
  namespace_flags=(--user --map-root-user "${namespace_flags[@]}")
fi

if probe_error="$(unshare "${namespace_flags[@]}" true 2>&1)"; then
  exec unshare "${namespace_flags[@]}" bash "$self" --inside-namespace "$@"
fi

reason="cannot create private namespaces (unshare ${namespace_flags[*]}): ${probe_error:-unknown error}"
if [[ -n "${CI:-}" ]]; then
  die "$reason. CI must run the real-pcscd tests as root (or with unprivileged user namespaces enabled)."
fi
echo "run-in-namespace: warning: $reason" >&2
echo "run-in-namespace: warning: running on the host instead (slow: ~44 ms per APDU; needs write access to /run/pcscd and no other pcscd running)" >&2
export RESILIENT_PCSC_HARNESS=host
exec "$@"
