#!/usr/bin/env bash
# `insight tags rename` against `sed -i` over the same files, paired in one
# run of hyperfine: each run starts from a fresh copy of a synthetic journal
# (examples/gen_journal.rs), and renames the tag `mobile` and the tags
# below it (`mobile/app`), which about one entry in three carries. sed
# runs twice: over every entry, as a person would type it, and over only
# the entries grep finds with the tag.
#
#     scripts/bench-rename.sh            # 6,000 entries, 10 runs each
#     scripts/bench-rename.sh 50000 5
#
# The rename is the crash-safe one: new texts and a plan in .insight/, one
# syncfs, then one rename a file. sed -i writes a temporary file beside each
# file and renames it, file by file, safe against nothing. Needs hyperfine
# (`apt-get install hyperfine`). Prints the three means and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

entries=${1:-6000}
runs=${2:-10}
work=${BENCH_DIR:-/tmp/insight-bench}/rename-$entries
cargo build --release --quiet
cargo build --release --quiet --example gen_journal
insight=$PWD/target/release/insight

if [ ! -f "$work/snapshot/insight.yaml" ]; then
    rm -rf "$work"
    mkdir -p "$work"
    target/release/examples/gen_journal "$work/snapshot" "$entries" >/dev/null
fi
tagged=$(grep -rlE -- '^- mobile(/|$)' "$work/snapshot/visits" | wc -l)
echo "journal: $entries entries, $tagged tagged mobile or mobile/…; $(nproc) cores"

fresh="rm -rf $work/journal && cp -a $work/snapshot $work/journal && sync"
files="$work/journal/visits/*/*.md"
hyperfine --runs "$runs" --prepare "$fresh" --export-json "$work/times.json" \
    -n insight "$insight -J $work/journal tags rename mobile handheld" \
    -n sed "sed -i -E 's#^- mobile(/|\$)#- handheld\\1#' $files" \
    -n grep-sed "grep -lE -- '^- mobile(/|\$)' $files | xargs sed -i -E 's#^- mobile(/|\$)#- handheld\\1#'" >/dev/null

python3 - "$work/times.json" <<'EOF'
import json, sys
times = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
insight, sed = times["insight"]["mean"], times["sed"]["mean"]
print(f"insight tags rename: {insight:.2f} s (σ {times['insight']['stddev']:.2f})")
print(f"sed -i:              {sed:.2f} s (σ {times['sed']['stddev']:.2f})")
grep_sed = times["grep-sed"]["mean"]
print(f"grep -l | sed -i:    {grep_sed:.2f} s (σ {times['grep-sed']['stddev']:.2f})")
print(f"ratio:               {insight / sed:.2f}x sed -i, {insight / grep_sed:.2f}x grep -l | sed -i (target: at most 1.0x sed -i)")
EOF
