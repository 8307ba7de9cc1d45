#!/usr/bin/env bash
# The whole test run (Quick start command 2, and what CI runs through .ci/run):
#   1. install missing system packages      4. publish the linux-x64 NativeAOT binary (must be warning-free)
#   2. build the solution (Release)         5. end-to-end tests against that binary (EDGEORCH_BINARY)
#   3. unit tests: every tests/*/*.csproj but the E2E ones, without [Trait("Category", "E2E")]
# Ends with "N passed, N failed" over all runs and exits non-zero on any failure. A step that fails outside any
# test (build, publish, a test host that crashes) counts as one failure so that line never hides it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

configuration=Release
rid=linux-x64
results="$repo/artifacts/test-results"
publish_dir="$repo/artifacts/publish/$rid"
dotnet_flags=(-nologo -tl:off -clp:NoSummary)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

passed=0
failed=0
step_failures=()

section() { printf '\n==> %s\n' "$*"; }

fail_step() {
    step_failures+=("$1")
    failed=$((failed + 1))
    echo "FAILED: $1" >&2
}

# Adds the counters of one TRX file to the totals; 1 when the file is missing (the run never reported).
add_trx() {
    local trx=$1 counters value
    [[ -f "$trx" ]] || return 1
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    [[ -n "$counters" ]] || return 1
    attr() { value=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${value:-0}"; }
    passed=$((passed + $(attr passed)))
    failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
    return 0
}

# Runs one test project; its own summary goes to the console, its counts into the totals.
run_tests() {
    local phase=$1 project=$2 filter=$3 name trx rc=0 args
    name=$(basename "$project" .csproj)
    trx="$results/$phase-$name.trx"
    args=(test "$project" -c "$configuration" "${dotnet_flags[@]}" --results-directory "$results"
          --logger "trx;LogFileName=$(basename "$trx")")
    # Projects in the solution were built in step 2; one not (yet) in it builds here.
    if grep -qxF "${project#./}" <<<"$solution_projects"; then args+=(--no-build); fi
    if [[ -n "$filter" ]]; then args+=(--filter "$filter"); fi
    dotnet "${args[@]}" || rc=$?
    if ! add_trx "$trx"; then
        fail_step "$phase tests of $name did not report results (exit code $rc)"
    elif [[ $rc -ne 0 ]] && ! grep -q 'outcome="Failed"' "$trx"; then
        fail_step "$phase tests of $name exited with $rc without a failed test"
    fi
}

rm -rf "$results"
mkdir -p "$results"

section "dependencies"
scripts/install-deps.sh

section "build ($configuration)"
solution_projects=$(dotnet sln EdgeOrch.sln list | sed 's#\\#/#g' | grep '\.csproj$' || true)
if ! dotnet build EdgeOrch.sln -c "$configuration" "${dotnet_flags[@]}"; then
    fail_step "build"
    echo "$passed passed, $failed failed"
    exit 1
fi

# Test projects are the ones that say so; helper programs under tests/ (such as the store's crash writer) are not.
mapfile -t all_test_projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' -exec grep -l '<IsTestProject>true</IsTestProject>' {} + | sort)
unit_projects=()
e2e_projects=()
for project in "${all_test_projects[@]}"; do
    if [[ "$(basename "$project")" == *E2E* ]]; then e2e_projects+=("$project"); else unit_projects+=("$project"); fi
done

section "unit tests (${#unit_projects[@]} projects)"
for project in "${unit_projects[@]}"; do
    run_tests unit "$project" "Category!=E2E"
done

section "publish NativeAOT $rid"
publish_log="$repo/artifacts/publish-$rid.log"
publish_rc=0
dotnet publish src/EdgeOrch/EdgeOrch.csproj -c "$configuration" -r "$rid" -o "$publish_dir" "${dotnet_flags[@]}" \
    >"$publish_log" 2>&1 || publish_rc=$?
cat "$publish_log"
if [[ $publish_rc -ne 0 ]]; then
    fail_step "publish $rid (exit code $publish_rc)"
elif grep -qi 'warning' "$publish_log"; then
    # The AOT publish must stay warning-free: a trim/AOT warning is a runtime failure waiting to happen.
    fail_step "publish $rid printed warnings (see $publish_log)"
fi

section "end-to-end tests"
if [[ $publish_rc -eq 0 && -x "$publish_dir/edgeorch" ]]; then
    export EDGEORCH_BINARY="$publish_dir/edgeorch"
    echo "EDGEORCH_BINARY=$EDGEORCH_BINARY"
    for project in "${e2e_projects[@]}"; do
        run_tests e2e "$project" ""
    done
    # End-to-end tests that live beside unit tests in other projects.
    for project in "${unit_projects[@]}"; do
        run_tests e2e "$project" "Category=E2E"
    done
else
    fail_step "end-to-end tests not run: no published binary"
fi

echo
for step in "${step_failures[@]}"; do echo "failed step: $step"; done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
