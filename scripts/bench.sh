#!/usr/bin/env bash
# The speed and memory table of docs/speed.md, paired against ripgrep in the
# same run, on synthetic journals like real ones (bodies of 1-2 KB with block
# quotes, the title as a heading, no `title:` key), in two shapes: `org`, the
# organisation of the seed stories (1,200 people, thousands of sites, about
# 40 tags, most ideas raised once with a title of their own), and `small`
# (10 people, 16 tags, 200 ideas mentioned again and again).
#
#     scripts/bench.sh                 # both shapes, 10,000 and 100,000 entries
#     scripts/bench.sh 10000           # one size
#     SHAPES=org scripts/bench.sh      # one shape
#
# Medians of 20 runs (RUNS=N to change), taken in 20 rounds (ROUNDS=N) in
# which the commands of a group take turns, one run each: this VM has slow
# spells of a few seconds, and with several runs of one command in a row, a
# spell fell on whichever command was being timed (with 5 rounds of 4 runs,
# `report` against `list` at 10,000 entries came out between 1.04x and 1.23x
# in three runs of one build). A full run takes about 25 minutes. Needs
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
read -r -a shapes <<<"${SHAPES:-org small}"

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

for shape in "${shapes[@]}"; do
for n in "${sizes[@]}"; do
    dir=$BENCH_DIR/$shape-$n
    [ -f "$dir/insight.yaml" ] || target/release/examples/gen_journal "$dir" "$n" 1 "$shape" >/dev/null
    one=$(find "$dir/visits" -name '*.md' | sort | sed -n 1p)
    json=$BENCH_DIR/results-$shape-$n.json
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
    group "$json" fresh_index --ignore-failure \
        --prepare true --prepare true --prepare true --prepare true --prepare true \
        --prepare true --prepare "touch $one" \
        -n rg "rg -l '^- mobile\$' $dir" \
        -n list "$insight -J $dir list --tag mobile --format paths" \
        -n report "$insight -J $dir report --year 2025" \
        -n ideas "$insight -J $dir ideas --year 2025" \
        -n people "$insight -J $dir people --year 2025" \
        -n check "$insight -J $dir check" \
        -n list-after-edit "$insight -J $dir list --tag mobile --format paths"
    group "$json.text" fresh_index \
        -n rg-text "rg -il bundles $dir" \
        -n list-text "$insight -J $dir list --text bundles --format paths"
    peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
    list_kib=$(peak "$insight" -J "$dir" list --tag mobile --format paths)
    report_kib=$(peak "$insight" -J "$dir" report --year 2025)
    # Warm for `check` too: the results of a first check kept beside the index.
    "$insight" -J "$dir" check >/dev/null || true
    check_kib=$(peak "$insight" -J "$dir" check)
    python3 - "$shape" "$n" "$list_kib" "$report_kib" "$check_kib" "$json" "$json.cold" "$json.text" <<'EOF'
import glob, json, statistics, sys
shape, n = sys.argv[1], int(sys.argv[2])
list_kib, report_kib, check_kib = (int(a) for a in sys.argv[3:6])
times = {}
for group in sys.argv[6:]:
    for results in glob.glob(f"{group}.round*"):
        for r in json.load(open(results))["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
runs = {command: statistics.median(each) for command, each in times.items()}
ms = lambda name: f"{runs[name] * 1000:.0f} ms"
print(f"\n{shape} journal, {n:,} entries (medians)\n")
print("| measure | time | ratio | target | met |")
print("|---|---|---|---|---|")
rows = [
    ("`rg -l '^- mobile$'` (the yardstick)", "rg", "rg", None),
    ("`list --tag mobile --format paths`, index warm", "list", "rg", 0.5),
    ("the same with `--no-cache`", "list-no-cache", "rg-cold", 1.2),
    ("`report --year 2025`, index warm", "report", "list", 1.2),
    ("`ideas --year 2025`, index warm", "ideas", "list", 1.2),
    ("`people --year 2025`, index warm", "people", "list", 1.2),
    ("`check`, index warm", "check", "rg", 1.0),
    ("`check --no-cache`", "check-no-cache", "rg-cold", 2.0),
    ("`list --text bundles`, index warm", "list-text", "rg-text", 1.0),
    ("first run after one entry changed", "list-after-edit", "list", 1.1),
]
for label, name, against, target in rows:
    if target is None:
        print(f"| {label} | {ms(name)} | | | |")
        continue
    ratio = runs[name] / runs[against]
    who = "rg" if against.startswith("rg") else f"`{against}`"
    print(f"| {label} | {ms(name)} | {ratio:.2f}× {who} | ≤ {target}× | {'yes' if ratio <= target else 'NO'} |")
peaks = (list_kib / 1024, report_kib / 1024, check_kib / 1024)
met = "yes" if max(peaks) <= 64 else "NO"
print(f"| peak memory, `list` / `report` / `check` | {peaks[0]:.0f} / {peaks[1]:.0f} / {peaks[2]:.0f} MiB | | ≤ 64 MiB | {met} |")
json.dump({k: v for k, v in runs.items()}, open(f"{sys.argv[6]}.medians", "w"))
EOF
done
done

# Growth: from the smallest to the largest size, no command takes more than
# 11 times as long.
if [ ${#sizes[@]} -ge 2 ]; then
    python3 - "$BENCH_DIR" "${sizes[0]}" "${sizes[-1]}" "${shapes[@]}" <<'EOF'
import json, sys
bench, small, large, shapes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
print(f"\ngrowth from {int(small):,} to {int(large):,} entries (target ≤ 11×)\n")
print("| shape | command | growth | met |")
print("|---|---|---|---|")
for shape in shapes:
    a = json.load(open(f"{bench}/results-{shape}-{small}.json.medians"))
    b = json.load(open(f"{bench}/results-{shape}-{large}.json.medians"))
    for command in ("list", "report", "ideas", "people", "check"):
        g = b[command] / a[command]
        print(f"| {shape} | `{command}` | {g:.1f}× | {'yes' if g <= 11 else 'NO'} |")
EOF
fi
