#!/usr/bin/env bash
# Builds the cargo-fuzz targets of fuzz/ and runs each for a while, then
# prints one Markdown table row per target: how long it ran, how many inputs
# it tried, how fast, the coverage libFuzzer reached (edges, and features),
# and its crashes.
#
#     scripts/fuzz.sh                  # every target, 30 seconds each
#     scripts/fuzz.sh 3600             # every target, an hour each
#     scripts/fuzz.sh index            # one target, 30 seconds
#     scripts/fuzz.sh index 600        # one target, ten minutes
#
# Each target runs on its seeds (fuzz/seeds/TARGET, read only) and grows its
# own corpus in fuzz/corpus/TARGET, which git ignores and the next run starts
# from. A crash, a hang (an input taking more than 10 s) or running out of
# memory (2 GB) is saved under fuzz/artifacts/TARGET/, and the script exits 1;
# so does a target that does not build. libFuzzer's whole output is kept in
# fuzz/logs/TARGET.log.
#
# Needs a nightly toolchain and cargo-fuzz, which it does not install:
#     rustup toolchain install nightly
#     cargo install cargo-fuzz
#
# Builds are optimized, with debug assertions and overflow checks, and without
# a sanitizer (FUZZ_SANITIZER=address to add one: insight has no `unsafe`,
# and AddressSanitizer doubles the build's time). FUZZ_JOBS=2 runs two
# targets at a time (default 1); each has one core either way on two.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    echo "usage: scripts/fuzz.sh [TARGET|all] [SECONDS]" >&2
    exit 2
}

which=all
seconds=30
case $# in
    0) ;;
    1) if [[ $1 =~ ^[0-9]+$ ]]; then seconds=$1; else which=$1; fi ;;
    2) which=$1 seconds=$2 ;;
    *) usage ;;
esac
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 1 ]] || usage
jobs=${FUZZ_JOBS:-1}
[[ $jobs =~ ^[12]$ ]] || { echo "FUZZ_JOBS must be 1 or 2" >&2; exit 2; }

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz.sh: the targets need a nightly toolchain: rustup toolchain install nightly" >&2
    exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
    exit 2
fi

all=$(cargo +nightly fuzz list)
if [ "$which" = all ]; then
    targets=$all
elif grep -qx -- "$which" <<<"$all"; then
    targets=$which
else
    echo "fuzz.sh: no target \`$which\`; the targets are:" $all >&2
    exit 2
fi

build=(-O -a -s "${FUZZ_SANITIZER:-none}")
options=(-max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048
    -print_final_stats=1)
host=$(rustc +nightly -vV | sed -n 's/^host: //p')
mkdir -p fuzz/logs

# Runs one target, built, for $seconds; its output goes to its log.
run() {
    local target=$1
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
    local started=$SECONDS
    "fuzz/target/$host/release/$target" "${options[@]}" \
        -artifact_prefix="fuzz/artifacts/$target/" \
        "fuzz/corpus/$target" "fuzz/seeds/$target" >"fuzz/logs/$target.log" 2>&1 &&
        status=0 || status=$?
    echo "exit $status after $((SECONDS - started)) s" >>"fuzz/logs/$target.log"
}

# The table row of one target, from its log; fails when the target crashed.
row() {
    local target=$1 log=fuzz/logs/$1.log
    if [ -f "fuzz/logs/$target.build-failed" ]; then
        echo "| $target | | | | | | did not build: fuzz/logs/$target.log |"
        return 1
    fi
    # The last status line: "#N DONE cov: X ft: Y corp: ... exec/s: Z ...".
    local status runs cov ft rate took artifact code
    status=$(grep -aE '^#[0-9]+' "$log" | tail -n 1)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [ -n "$runs" ] || runs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$status")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$status")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$status")
    took=$(sed -nE 's/^Done [0-9]+ runs in ([0-9]+) second.*/\1/p' "$log" | tail -n 1)
    [ -n "$took" ] || took=$(sed -nE 's/^exit [0-9]+ after ([0-9]+) s$/\1/p' "$log")
    artifact=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | head -n 1)
    code=$(sed -nE 's/^exit ([0-9]+) after.*/\1/p' "$log")
    if [ -n "$artifact" ]; then
        echo "| $target | $took | $runs | $rate | $cov | $ft | $artifact |"
        return 1
    elif [ "$code" != 0 ]; then
        echo "| $target | $took | $runs | $rate | $cov | $ft | failed (exit $code): $log |"
        return 1
    fi
    echo "| $target | $took | $runs | $rate | $cov | $ft | crashes: 0 |"
}

# Each target is built on its own, so that one that does not build leaves
# the others to run.
for target in $targets; do
    rm -f "fuzz/logs/$target.build-failed"
    echo "fuzz.sh: building $target" >&2
    if ! cargo +nightly fuzz build "${build[@]}" "$target" >"fuzz/logs/$target.log" 2>&1; then
        touch "fuzz/logs/$target.build-failed"
        echo "fuzz.sh: $target does not build; see fuzz/logs/$target.log" >&2
    fi
done

running=0
for target in $targets; do
    [ -f "fuzz/logs/$target.build-failed" ] && continue
    echo "fuzz.sh: running $target for $seconds s" >&2
    if [ "$jobs" = 1 ]; then
        run "$target"
    else
        run "$target" &
        running=$((running + 1))
        if [ "$running" -ge "$jobs" ]; then
            wait -n || true
            running=$((running - 1))
        fi
    fi
done
wait

echo "| target | seconds | executions | exec/s | cov | ft | crashes |"
echo "|---|--:|--:|--:|--:|--:|---|"
failed=0
for target in $targets; do
    row "$target" || failed=1
done
if [ "$failed" = 1 ]; then
    echo "fuzz.sh: a target crashed or did not build. Replay a crash with" >&2
    echo "    cargo +nightly fuzz run ${build[*]} TARGET fuzz/artifacts/TARGET/FILE" >&2
fi
exit "$failed"
