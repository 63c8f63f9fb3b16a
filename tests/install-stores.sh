#!/usr/bin/env bash
# Install the SPARQL servers that tests/stores.py starts, from the package registries; safe to run again
# (it installs only what is missing).
#
#   bash tests/install-stores.sh [oxigraph] [virtuoso]     (no argument: both)
#
# - Oxigraph server: the PyPI package `oxigraph` (it ships the `oxigraph` program), 0.5.x like pyoxigraph,
#   installed with pip into the current Python environment (activate the virtual environment first).
# - OpenLink Virtuoso 7.2: Debian's package virtuoso-opensource (`virtuoso-t`, `isql-vt`), installed with
#   apt-get without questions (no dba password asked: tests/stores.py makes a database of its own) and
#   without starting the package's own server (/etc/init.d/virtuoso-opensource-7 on ports 1111 and 8890
#   of every address): a policy-rc.d that refuses service starts is in place while apt-get runs, unless
#   the machine already has one.
#
# Exits non-zero when a store cannot be installed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python3}"

want_oxigraph=0
want_virtuoso=0
if [ $# -eq 0 ]; then
    want_oxigraph=1
    want_virtuoso=1
fi
for arg in "$@"; do
    case "$arg" in
        oxigraph) want_oxigraph=1 ;;
        virtuoso) want_virtuoso=1 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "install-stores.sh: unknown argument '$arg' (expected: oxigraph, virtuoso)" >&2; exit 2 ;;
    esac
done

say() { echo "install-stores: $*"; }

# What tests/stores.py reports as missing for a store ("" when it can be started).
missing() {
    "$python" - "$here" "$1" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import stores
print((stores.missing_oxigraph() if sys.argv[2] == "oxigraph" else stores.missing_virtuoso()) or "")
PY
}

apt_updated=0
apt_install() {
    if [ "$apt_updated" -eq 0 ]; then
        apt-get update -qq
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

install_oxigraph() {
    local reason
    reason="$(missing oxigraph)"
    if [ -z "$reason" ]; then
        say "Oxigraph server already installed"
        return
    fi
    say "$reason"
    if [ "$("$python" -c 'import sys; print(int(sys.prefix != sys.base_prefix))')" != 1 ]; then
        say "warning: $python is not in a virtual environment; installing oxigraph into it anyway"
    fi
    # The same release as pyoxigraph when it is installed, else the newest 0.5.x.
    local spec
    spec="$("$python" - <<'PY'
try:
    import pyoxigraph
    version = pyoxigraph.__version__
except Exception:
    version = ""
print(f"oxigraph=={version}" if version.startswith("0.5.") else "oxigraph>=0.5,<0.6")
PY
)"
    say "pip install $spec"
    "$python" -m pip install --quiet "$spec"
    reason="$(missing oxigraph)"
    if [ -n "$reason" ]; then
        echo "install-stores: the Oxigraph server is still not usable: $reason" >&2
        exit 1
    fi
    say "Oxigraph server installed: $("$python" -c 'import sys; sys.path.insert(0, sys.argv[1]); import stores; print(stores.oxigraph_program())' "$here")"
}

policy_rc_d=/usr/sbin/policy-rc.d
remove_policy_rc_d() {
    rm -f "$policy_rc_d"
}

install_virtuoso() {
    local reason
    reason="$(missing virtuoso)"
    if [ -z "$reason" ]; then
        say "Virtuoso already installed"
        return
    fi
    say "$reason"
    if [ ! -e "$policy_rc_d" ]; then
        # Keep the package's own server from starting (invoke-rc.d asks policy-rc.d; 101: action forbidden).
        printf '#!/bin/sh\nexit 101\n' > "$policy_rc_d"
        chmod 755 "$policy_rc_d"
        trap remove_policy_rc_d EXIT
    fi
    say "apt-get install virtuoso-opensource"
    apt_install virtuoso-opensource
    if [ "$(trap -p EXIT)" != "" ]; then
        remove_policy_rc_d
        trap - EXIT
    fi
    reason="$(missing virtuoso)"
    if [ -n "$reason" ]; then
        echo "install-stores: Virtuoso is still not usable: $reason" >&2
        exit 1
    fi
    say "Virtuoso installed: $(command -v virtuoso-t)"
}

[ "$want_oxigraph" -eq 1 ] && install_oxigraph
[ "$want_virtuoso" -eq 1 ] && install_virtuoso
exit 0
