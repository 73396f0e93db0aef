# The man pages and bash completion say what --help says: every option of
# each program is in its man page (which man(1) renders) and completes; and
# `cmake --install` gives programs that work from anywhere, with the entity
# data found beside them and no path into the source tree.
source "$(dirname "$0")/lib.sh"
: "${NEWSDEX_BUILD_DIR:?}"
for prog in "$NEWSDEX_INDEX" "$NEWSDEX_SEARCH" "$NEWSDEX_SERVE"; do
  name=$(basename "$prog")
  expect_status 0 "$prog" --help
  grep -o -- '--[a-z][a-z-]*' "$SCRATCH/out" | sort -u > "$SCRATCH/help-options"
  [[ -s $SCRATCH/help-options ]] || fail "$name --help lists no options"
  expect_status 0 "$prog" --man
  cp "$SCRATCH/out" "$SCRATCH/$name.1"
  expect_status 0 "$prog" --bash-completion
  cp "$SCRATCH/out" "$SCRATCH/$name.bash"
  # The files the build wrote (and installs) are the programs' own output.
  built_man=$(find "$NEWSDEX_BUILD_DIR" -name "$name.1" -print -quit)
  expect_eq "$(cat "$built_man")" "$(cat "$SCRATCH/$name.1")" "the built man page is $name --man"
  sed 's/\\-/-/g' "$SCRATCH/$name.1" > "$SCRATCH/$name.1.plain"
  grep -o -- "--[a-z][a-z-]*" "$SCRATCH/$name.bash" | sort -u > "$SCRATCH/$name.completed"
  while read -r option; do
    grep -qF -- "B$option\\fR" "$SCRATCH/$name.1.plain" || fail "$name.1 does not describe $option"
    grep -qxF -- "$option" "$SCRATCH/$name.completed" || fail "$name's completion does not offer $option"
  done < "$SCRATCH/help-options"
  if command -v man >/dev/null; then
    MANWIDTH=80 man -l "$SCRATCH/$name.1" > "$SCRATCH/man.txt" 2> "$SCRATCH/man.err" || fail "man -l $name.1: $(cat "$SCRATCH/man.err")"
    expect_contains "$SCRATCH/man.txt" "EXIT STATUS"
    expect_not_contains "$SCRATCH/man.err" "warning"
  else
    echo "note: man(1) is not installed: $name.1 is not rendered" >&2
  fi
done

# The extensions newsdex reads (one table in readers.cc, quoted by the
# "unsupported" message) are each in --help and in the README's table.
printf 'x' > "$SCRATCH/notes.zzz"
expect_status 1 "$NEWSDEX_INDEX" --print "$SCRATCH/notes.zzz"
extensions=$(sed -n 's/.*unsupported file type (newsdex reads \(.*\)).*/\1/p' "$SCRATCH/err" | tr -d ',')
[[ -n $extensions ]] || fail "no extension list in: $(cat "$SCRATCH/err")"
expect_status 0 "$NEWSDEX_INDEX" --help
for ext in $extensions; do
  [[ $ext == .* ]] || continue  # "each also with .gz ... or .zst"
  expect_contains "$SCRATCH/out" "$ext"
  expect_contains "$NEWSDEX_SOURCE_DIR/README.md" "\`$ext\`"
done

# Completion in a real bash: options, and the words an option takes.
complete_words() {  # complete_words SCRIPT WORD...: what bash offers for the last WORD
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); fn=$(complete -p "$1" | sed "s/.* -F \([^ ]*\) .*/\1/"); "$fn"; printf "%s\n" "${COMPREPLY[@]}"' _ "$@" | sort | tr '\n' ' '
}
expect_eq "$(complete_words "$SCRATCH/newsdex-index.bash" newsdex-index --shar)" "--shard-by --shards " "options complete"
expect_eq "$(complete_words "$SCRATCH/newsdex-index.bash" newsdex-index --shard-by '')" "month source year " "--shard-by's values"
expect_eq "$(complete_words "$SCRATCH/newsdex-search.bash" newsdex-search --sort d)" "date date-asc " "--sort's values"
expect_eq "$(complete_words "$SCRATCH/newsdex-search.bash" newsdex-search --histogram '')" "day month week year " "--histogram's values"
expect_eq "$(complete_words "$SCRATCH/newsdex-search.bash" newsdex-search --export '')" "csv jsonl " "--export's values"
expect_eq "$(complete_words "$SCRATCH/newsdex-search.bash" newsdex-search --entity-list '')" "misc org person place " "entity types"

# An installation works from anywhere and names no source path.
# (Outside the source tree, where the build's scratch directory is.)
prefix=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
cmake --install "$NEWSDEX_BUILD_DIR" --prefix "$prefix" > "$SCRATCH/install.log" || fail "cmake --install failed: $(tail -5 "$SCRATCH/install.log")"
for f in bin/newsdex-index bin/newsdex-search bin/newsdex-nightly share/newsdex/model.bin share/newsdex/gazetteer.txt \
         share/newsdex/place_countries.tsv \
         share/man/man1/newsdex-index.1 share/man/man1/newsdex-search.1 \
         share/bash-completion/completions/newsdex-index share/bash-completion/completions/newsdex-search \
         share/newsdex/contrib/systemd/newsdex-index.service share/doc/newsdex/LICENSE \
         bin/newsdex-serve share/man/man1/newsdex-serve.1 share/bash-completion/completions/newsdex-serve \
         share/newsdex/static/style.css share/newsdex/static/app.js share/newsdex/contrib/systemd/newsdex-serve.service; do
  [[ -e $prefix/$f ]] || fail "not installed: $f"
done
expect_contains "$prefix/share/newsdex/contrib/systemd/newsdex-index.service" "ExecStart=$prefix/bin/newsdex-index"
# (A sanitizer build's runtime metadata names its sources; it is not one
# to install, and only there is the check left out.)
libs=$(ldd "$NEWSDEX_INDEX" 2>/dev/null || true)
if grep -q -e libasan -e libubsan -e libtsan <<<"$libs"; then
  echo "note: sanitizer build: installed files may name their sources; not checked" >&2
elif grep -rlF -- "$NEWSDEX_SOURCE_DIR" "$prefix" > "$SCRATCH/leaks"; then
  fail "installed files name the source tree: $(cat "$SCRATCH/leaks")"
fi
cp -r "$NEWSDEX_SOURCE_DIR/corpus/seed" "$SCRATCH/seed"
(
  cd /
  unset NEWSDEX_DATA_DIR
  "$prefix/bin/newsdex-index" -q --db "$SCRATCH/installed.db" "$SCRATCH/seed" &&
    "$prefix/bin/newsdex-search" --db "$SCRATCH/installed.db" --json 'person:"Vladimir Putin"'
) > "$SCRATCH/out" 2> "$SCRATCH/err" || fail "the installed programs failed: $(cat "$SCRATCH/err")"
expect_eq "$(jqr '.total')" "1" "the installed programs find the seed by its entity"
# The installed server finds its static files beside it.
(cd / && exec env -u NEWSDEX_DATA_DIR "$prefix/bin/newsdex-serve" --db "$SCRATCH/installed.db" --listen 127.0.0.1:0) \
  2> "$SCRATCH/serve.err" &
serve_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$SCRATCH/serve.err" && break; sleep 0.1; done
grep -q "listening on" "$SCRATCH/serve.err" || fail "the installed newsdex-serve did not start: $(cat "$SCRATCH/serve.err")"
url=$(sed -n 's#^newsdex-serve: listening on \(http://[^ ]*\)/$#\1#p' "$SCRATCH/serve.err")
curl -sf "$url/static/style.css" > "$SCRATCH/style.css" || fail "the installed server does not serve /static/style.css"
cmp -s "$SCRATCH/style.css" "$prefix/share/newsdex/static/style.css" || fail "served style.css is not the installed one"
kill -TERM "$serve_pid"
wait "$serve_pid" || fail "the installed newsdex-serve did not exit 0 on SIGTERM"
checks=$((checks + 2))
# Moved elsewhere, the data is not found, and the message says where it looked.
cp "$prefix/bin/newsdex-index" "$SCRATCH/lonely-newsdex-index"
expect_status 2 env -u NEWSDEX_DATA_DIR "$SCRATCH/lonely-newsdex-index" --db "$SCRATCH/lonely.db" "$SCRATCH/seed"
expect_contains "$SCRATCH/err" "share/newsdex/gazetteer.txt"
expect_status 0 env NEWSDEX_DATA_DIR="$prefix/share/newsdex" "$SCRATCH/lonely-newsdex-index" --db "$SCRATCH/lonely.db" "$SCRATCH/seed"
done_ok
