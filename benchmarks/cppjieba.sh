# benchmarks/cppjieba.sh - sourced by the benchmarks that compare with cppjieba
# (segment/run.sh, compile/run.sh); not run.
#
# ensure_cppjieba PEERS_DIR: makes sure cppjieba's headers, its limonp dependency and
# its dictionary are unpacked from npm's nodejieba@3.5.8 tarball (`npm pack`, nothing
# installed or built) into PEERS_DIR/cppjieba, and sets cj_src to cppjieba's tree
# (include/, deps/limonp/include/, dict/). Needs npm (Debian nodejs + npm). Nothing of
# it is committed: benchmarks/.peers/ is git-ignored.
ensure_cppjieba() {
  local peers=$1 nj_version=3.5.8 cj f
  cj=$peers/cppjieba
  cj_src=$cj/package/submodules/cppjieba
  if [ ! -f "$cj_src/include/cppjieba/Jieba.hpp" ]; then
    echo "cppjieba: fetching nodejieba@$nj_version (npm pack) for cppjieba's headers and dictionary" >&2
    rm -rf "$cj" && mkdir -p "$cj"
    (cd "$cj" && npm --no-audit --no-fund --loglevel=error pack "nodejieba@$nj_version" 2>&1 |
      grep -v 'Unknown user config' >&2 || true)
    [ -f "$cj/nodejieba-$nj_version.tgz" ] || { echo "cppjieba: npm pack nodejieba@$nj_version failed" >&2; return 1; }
    tar -xzf "$cj/nodejieba-$nj_version.tgz" -C "$cj"
  fi
  for f in jieba.dict.utf8 hmm_model.utf8 user.dict.utf8 idf.utf8 stop_words.utf8; do
    [ -f "$cj_src/dict/$f" ] || { echo "cppjieba: dictionary file missing: $cj_src/dict/$f" >&2; return 1; }
  done
}
