# Two shards served by xapian-tcpsrv on loopback, searched through a stub
# file, give the same ids, order, totals and facet counts as one local
# database holding every article. The servers are stopped even on failure.
source "$(dirname "$0")/lib.sh"
if ! command -v xapian-tcpsrv >/dev/null; then
  echo "SKIP: xapian-tcpsrv (Debian xapian-tools) is not installed" >&2
  exit 77
fi
corpus=$NEWSDEX_SOURCE_DIR/corpus
extra=$SCRATCH/extra
mkdir -p "$extra"
# Enough articles for ranking and facets to mean something.
for i in $(seq 1 60); do
  printf 'Port report %s\n\nBy Lina Haddad March %s, 2024\n\nThe port of Tartus handled %s ships as Russia and Syria discussed wheat shipments. Vladimir Putin met officials in Moscow about sanctions on grain number %s.\n' \
    "$i" "$(( (i % 28) + 1 ))" "$((i * 7 % 23))" "$i" > "$extra/report$i.txt"
done
expect_status 0 "$NEWSDEX_INDEX" --shards 1 --db "$SCRATCH/single" "$corpus" "$extra"
expect_status 0 "$NEWSDEX_INDEX" --shards 2 --db "$SCRATCH/sharded" "$corpus" "$extra"
shard0=$SCRATCH/sharded/gen-1/shard-0
shard1=$SCRATCH/sharded/gen-1/shard-1
[[ -d $shard0 && -d $shard1 ]] || fail "expected two shard directories"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }
# start_server DB: starts xapian-tcpsrv for DB on a free port and sets
# $port. Runs in this shell (not in $(...)), so that the server's pid is
# recorded where cleanup sees it.
start_server() {
  local db=$1 tries pid
  for tries in 1 2 3 4 5; do
    port=$(free_port)
    # In a session of its own: xapian-tcpsrv signals its whole process
    # group when it exits, which would otherwise be this test and ctest.
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$db" >"$SCRATCH/srv-$port.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 1 100); do
      if grep -q "Listening" "$SCRATCH/srv-$port.log" 2>/dev/null; then return 0; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    kill "$pid" 2>/dev/null || true
  done
  return 1
}
start_server "$shard0" || fail "xapian-tcpsrv did not start for shard 0"
port0=$port
start_server "$shard1" || fail "xapian-tcpsrv did not start for shard 1"
port1=$port
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port0" "$port1" > "$SCRATCH/remote.stub"
printf 'auto %s\nauto %s\n' "$shard0" "$shard1" > "$SCRATCH/local.stub"

queries=(Tartus sanctions 'wheat shipments' '"wheat shipments"' 'place:Tartus' 'person:"Vladimir Putin"'
         'Moscow AND grain' 'port -Syria' 'date:2024-03-01..2024-03-10' 'title:report' 'ships OR shipments' 'entity:Russia sanctions')
# (Not wildcards: Xapian expands a wildcard separately on each remote shard,
# so their scores, though not their matches, can differ; see README.)
# The parts that must agree: ids in order, total, facets.
view='{total, ids: [.results[].id], facets}'
for q in "${queries[@]}"; do
  expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/single" --json --limit 50 "$q"
  want=$(jq -S -c "$view" "$SCRATCH/out")
  expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/remote.stub" --json --limit 50 "$q"
  expect_eq "$(jq -S -c "$view" "$SCRATCH/out")" "$want" "remote shards agree on: $q"
  expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/local.stub" --json --limit 50 "$q"
  expect_eq "$(jq -S -c "$view" "$SCRATCH/out")" "$want" "local stub agrees on: $q"
  expect_status 0 "$NEWSDEX_SEARCH" --db "$shard0" --db "$shard1" --json --limit 50 "$q"
  expect_eq "$(jq -S -c "$view" "$SCRATCH/out")" "$want" "two --db options agree on: $q"
done
# Histograms (Xapian's built-in spy on remote shards, newsdex's own on
# local ones) and exports (pages of matches from remote shards, a spy on
# local ones) agree too; an export's order is index order, so its rows are
# compared sorted.
for q in sanctions 'person:"Vladimir Putin"' '*'; do
  for interval in day month; do
    expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/single" --json --limit 0 --facet-depth 1 --histogram "$interval" "$q"
    want=$(jq -c '.histogram' "$SCRATCH/out")
    expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/remote.stub" --json --limit 0 --facet-depth 1 --histogram "$interval" "$q"
    expect_eq "$(jq -c '.histogram' "$SCRATCH/out")" "$want" "remote shards agree on --histogram $interval $q"
  done
  expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/single" --export jsonl --fields id,date,title,entities.place "$q"
  want=$(sort "$SCRATCH/out")
  expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/remote.stub" --export jsonl --fields id,date,title,entities.place "$q"
  expect_eq "$(sort "$SCRATCH/out")" "$want" "remote shards export the same rows: $q"
done
# A wildcard is expanded on each shard at match time (OP_WILDCARD), so it
# works through the remote backend: the same matches (by id) and total.
matches='{total, ids: ([.results[].id] | sort)}'
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/single" --json --limit 100 'sanct*'
want=$(jq -S -c "$matches" "$SCRATCH/out")
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/remote.stub" --json --limit 100 'sanct*'
expect_eq "$(jq -S -c "$matches" "$SCRATCH/out")" "$want" "remote shards find the wildcard's matches"
# Snippets and entities come across the network too.
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/remote.stub" --json Tartus
expect_contains "$SCRATCH/out" "<b>Tartus</b>"
expect_status 0 "$NEWSDEX_SEARCH" --db "$SCRATCH/remote.stub" --json --entity-list place tart
expect_eq "$(jqr '.[0].value')" "Tartus" "entity list over remote shards"
done_ok
