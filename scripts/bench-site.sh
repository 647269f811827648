#!/usr/bin/env bash
# `insight site` against Hugo (Debian's `hugo`) building the same entry files,
# paired in one run of hyperfine, and the peak memory of `insight site` on a
# journal ten times larger.
#
#     scripts/bench-site.sh                  # 10,000 entries timed, 100,000 for memory
#     scripts/bench-site.sh 2000 20000 3     # smaller journals, 3 runs each
#
# The journals are the synthetic ones of scripts/bench.sh
# (examples/gen_journal.rs), of the organisation's shape (SHAPE=org, the
# default: 1,200 people, thousands of sites, most ideas raised once, so a
# page for nearly every entry's idea) or SHAPE=small, written once under
# $BENCH_DIR (default /tmp/insight-bench) and shared with it. Hugo gets a copy of the entry files
# as its content, a minimal layout (a page per entry with its tags as links,
# a list page per section and per tag) and one taxonomy, tags; no RSS, no
# sitemap, future dates built (the journal is dated up to the end of 2026).
# Every run builds into an empty folder (hyperfine's --prepare removes it):
#
# - `insight site --no-cache`: as from a fresh checkout in CI, where the
#   index in .insight/ is not there (git ignores it);
# - `insight site`, the index warm: as on the machine of someone who uses
#   insight;
# - `hugo`.
#
# Peak memory is GNU time's maximum resident set size, of one build into an
# empty folder, without the index and with it. Needs hyperfine, hugo and GNU
# time (`apt-get install hyperfine hugo time`).
set -euo pipefail
cd "$(dirname "$0")/.."

timed=${1:-10000}
measured=${2:-100000}
runs=${3:-10}
today=2026-11-23
shape=${SHAPE:-org}
BENCH_DIR=${BENCH_DIR:-/tmp/insight-bench}

for tool in hyperfine hugo /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "bench-site.sh: $tool not found; apt-get install hyperfine hugo time" >&2
        exit 2
    }
done

cargo build --release --quiet
cargo build --release --quiet --example gen_journal
insight=$PWD/target/release/insight
mkdir -p "$BENCH_DIR"

journal() {
    local dir=$BENCH_DIR/$shape-$1
    [ -f "$dir/insight.yaml" ] || target/release/examples/gen_journal "$dir" "$1" 1 "$shape" >/dev/null
    echo "$dir"
}

# A Hugo site whose content is a copy of the journal's entry files.
hugo_site() {
    local journal=$1 site=$2
    [ -f "$site/content/.copied" ] && return
    rm -rf "$site"
    mkdir -p "$site/layouts/_default" "$site/content"
    cat >"$site/config.toml" <<'EOF'
baseURL = "/"
title = "Journal"
relativeURLs = true
buildFuture = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  tag = "tags"
EOF
    cat >"$site/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}, {{ .Params.site }}</p>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}</body></html>
EOF
    cat >"$site/layouts/_default/list.html" <<'EOF'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Date.Format "2006-01-02" }} {{ .LinkTitle }}</a></li>{{ end }}</ul></body></html>
EOF
    cp -r "$journal/visits" "$site/content/"
    touch "$site/content/.copied"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
echo "insight $(git rev-parse --short HEAD), $(hugo version | cut -d' ' -f1-2), $(hyperfine --version)"

dir=$(journal "$timed")
work=$BENCH_DIR/site-$shape-$timed
hugo_site "$dir" "$work/hugo"
# The index, made once the files are settled (older than its two-second window).
sleep 3
"$insight" -J "$dir" list --format paths >/dev/null
out_insight=$work/insight-out
out_hugo=$work/hugo-out
hyperfine --runs "$runs" --warmup 1 --export-json "$work/times.json" \
    --prepare "rm -rf $out_insight" --prepare "rm -rf $out_insight" --prepare "rm -rf $out_hugo" \
    -n insight-no-cache "$insight -J $dir --today $today --no-cache site $out_insight" \
    -n insight "$insight -J $dir --today $today site $out_insight" \
    -n hugo "hugo --quiet -s $work/hugo -d $out_hugo" >/dev/null
pages=$(find "$out_insight" -name '*.html' | wc -l)
hugo_pages=$(find "$out_hugo" -name '*.html' | wc -l)

python3 - "$work/times.json" "$timed" "$pages" "$hugo_pages" "$shape" <<'EOF'
import json, sys
times = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
entries, pages, hugo_pages = sys.argv[2:5]
hugo = times["hugo"]["median"]
print(f"{int(entries):,} entries ({sys.argv[5]}): insight writes {int(pages):,} pages, hugo {int(hugo_pages):,}")
for name in ["insight-no-cache", "insight", "hugo"]:
    t = times[name]
    print(f"{name:17} median {t['median']:.2f} s (σ {t['stddev']:.2f}), {t['median'] / hugo:.2f}x hugo")
print("target: insight site at most 1.0x hugo")
EOF

big=$(journal "$measured")
out_big=$BENCH_DIR/site-$shape-$measured-out
peak() {
    rm -rf "$out_big"
    /usr/bin/time -v "$insight" -J "$big" --today "$today" "$@" site "$out_big" 2>&1 >/dev/null |
        awk '/Maximum resident/ {peak = $6} /Elapsed/ {took = $8}
             END {printf "%.0f MiB in %s", peak / 1024, took}'
}
echo "peak memory at ${measured} entries, --no-cache: $(peak --no-cache) (target < 256 MiB)"
"$insight" -J "$big" list --format paths >/dev/null
echo "peak memory at ${measured} entries, index warm: $(peak)"
rm -rf "$out_big"
