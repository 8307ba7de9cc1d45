#!/usr/bin/env bash
# Quick start: install what is missing, publish the linux-x64 NativeAOT binary when the sources changed since the
# last publish, and run `edgeorch server` in the foreground. Extra arguments go to the server, e.g.
#   scripts/run.sh --data-dir /tmp/edgeorch
# The server writes a kubeconfig and prints how to point kubectl at it. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rid=linux-x64
publish_dir=artifacts/publish/$rid
binary=$publish_dir/edgeorch
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-deps.sh

# Up to date when no source, project or build setting is newer than the binary.
needs_publish() {
    [[ -x "$binary" ]] || return 0
    [[ -n "$(find src Directory.Build.props Directory.Packages.props global.json \
        \( -name bin -o -name obj \) -prune -o -type f -newer "$binary" -print -quit)" ]]
}

if needs_publish; then
    echo "run: publishing $binary (NativeAOT, about a minute) ..."
    log=artifacts/publish-$rid.log
    mkdir -p artifacts
    if ! dotnet publish src/EdgeOrch/EdgeOrch.csproj -c Release -r "$rid" -o "$publish_dir" -nologo -tl:off \
        -clp:NoSummary >"$log" 2>&1; then
        cat "$log" >&2
        echo "run: publish failed (log: $log)" >&2
        exit 1
    fi
    # A publish that changes nothing keeps the old timestamp; touch so the next start skips it.
    touch "$binary"
else
    echo "run: $binary is up to date"
fi

# exec: the server becomes this process, so SIGINT/SIGTERM from the terminal or a supervisor reach it directly.
exec "$binary" server "$@"
