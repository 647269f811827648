#!/usr/bin/env bash
# The speed and memory table of the README, paired against ripgrep in the
# same run, on synthetic journals like real ones (bodies of 1-2 KB with block
# quotes, the title as a heading, no `title:` key).
#
#     scripts/bench.sh                 # 10,000 and 100,000 entries
#     scripts/bench.sh 10000           # one size
#
# Medians of 20 runs (RUNS=N to change), taken in 20 rounds (ROUNDS=N) in
# which the commands of a group take turns, one run each: this VM has slow
# spells of a few seconds, and with several runs of one command in a row, a
# spell fell on whichever command was being timed (with 5 rounds of 4 runs,
# `report` against `list` at 10,000 entries came out between 1.04x and 1.23x
# in three runs of one build). A full run takes about 8 minutes. Needs
# hyperfine, ripgrep and GNU
# time (`apt-get install hyperfine ripgrep time`). Journals are written once
# under $BENCH_DIR (default /tmp/insight-bench) and reused; the page cache is
# warm (each command runs once before each round is timed).
# RUNS=4 ROUNDS=2 scripts/bench.sh 10000 is a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR=${BENCH_DIR:-/tmp/insight-bench}
RUNS=${RUNS:-20}
ROUNDS=${ROUNDS:-20}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

cargo build --release --quiet
cargo build --release --quiet --example gen_journal
insight=$PWD/target/release/insight
mkdir -p "$BENCH_DIR"

[ "$ROUNDS" -ge 1 ] || { echo "ROUNDS must be 1 or more" >&2; exit 2; }
# RUNS is rounded up to a whole number of runs a round.
per_round=$(((RUNS + ROUNDS - 1) / ROUNDS))

# A fresh index and search texts, made once the files are settled (older
# than the index's two-second window for recent changes).
fresh_index() {
    rm -rf "$dir/.insight"
    sleep 3
    "$insight" -J "$dir" list --text bundles --format paths >/dev/null
}

# Times a group of commands: the file its runs go to (one file a round,
# pooled below), what to do before each round, then hyperfine's options and
# commands.
group() {
    local json=$1 before_round=$2
    shift 2
    rm -f "$json".round*
    for round in $(seq "$ROUNDS"); do
        $before_round
        hyperfine -N --warmup 1 --runs "$per_round" --export-json "$json.round$round" \
            "$@" >/dev/null
    done
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
echo "insight $(git rev-parse --short HEAD), $(rg --version | head -1), $(hyperfine --version)"

for n in "${sizes[@]}"; do
    dir=$BENCH_DIR/journal-$n
    [ -f "$dir/insight.yaml" ] || target/release/examples/gen_journal "$dir" "$n" >/dev/null
    one=$(find "$dir/visits" -name '*.md' | sort | sed -n 1p)
    json=$BENCH_DIR/results-$n.json
    # Each ratio pairs two commands measured one after the other in one run
    # of hyperfine: the cold ones (which read every file) apart from the warm
    # ones, so that they do not push the index out of the page cache between
    # the two commands of a pair. The warm groups start each round with a
    # fresh index: the last command of the first changes an entry, which
    # the index would otherwise hold as changed in every round after.
    group "$json.cold" true --ignore-failure \
        -n rg-cold "rg -l '^- mobile\$' $dir" \
        -n list-no-cache "$insight -J $dir --no-cache list --tag mobile --format paths" \
        -n check-no-cache "$insight -J $dir --no-cache check"
    # The last one is the first run after one entry changed: the change is
    # made before each of its runs (one `--prepare` per command, in order).
    group "$json" fresh_index \
        --prepare true --prepare true --prepare true --prepare "touch $one" \
        -n rg "rg -l '^- mobile\$' $dir" \
        -n list "$insight -J $dir list --tag mobile --format paths" \
        -n report "$insight -J $dir report --year 2025" \
        -n list-after-edit "$insight -J $dir list --tag mobile --format paths"
    group "$json.text" fresh_index \
        -n rg-text "rg -il bundles $dir" \
        -n list-text "$insight -J $dir list --text bundles --format paths"
    peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
    list_kib=$(peak "$insight" -J "$dir" list --tag mobile --format paths)
    report_kib=$(peak "$insight" -J "$dir" report --year 2025)
    python3 - "$n" "$list_kib" "$report_kib" "$json" "$json.cold" "$json.text" <<'EOF'
import glob, json, statistics, sys
n, list_kib, report_kib = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
times = {}
for group in sys.argv[4:]:
    for results in glob.glob(f"{group}.round*"):
        for r in json.load(open(results))["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
runs = {command: statistics.median(each) for command, each in times.items()}
ms = lambda name: f"{runs[name] * 1000:.0f} ms"
print(f"\n{n:,} entries (medians)\n")
print("| measure | time | ratio | target |")
print("|---|---|---|---|")
rows = [
    ("`rg -l '^- mobile$'` (the yardstick)", "rg", "rg", ""),
    ("`list --tag mobile --format paths`, index warm", "list", "rg", "≤ 0.6× rg"),
    ("the same with `--no-cache`", "list-no-cache", "rg-cold", "≤ 1.5× rg"),
    ("`report --year 2025`, index warm", "report", "list", "≤ 1.2× the warm `list`"),
    ("`check --no-cache`", "check-no-cache", "rg-cold", "≤ 2.5× rg"),
    ("`list --text bundles`, index warm", "list-text", "rg-text", "≤ 1.0× `rg -il bundles`"),
    ("first run after one entry changed", "list-after-edit", "list", "≤ 1.1× the warm `list`"),
]
for label, name, against, target in rows:
    ratio = "" if name == against else f"{runs[name] / runs[against]:.2f}× {'rg' if against.startswith('rg') else against}"
    print(f"| {label} | {ms(name)} | {ratio} | {target} |")
print(f"| peak memory, `list` / `report` | {list_kib / 1024:.0f} / {report_kib / 1024:.0f} MiB | | ≤ 64 MiB |")
EOF
done
