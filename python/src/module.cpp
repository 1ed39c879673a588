// python/src/module.cpp - zhtext._zhtext, the thin pybind11 layer under the `zhtext`
// Python package. Every call into zhtext goes through this file (and count.hpp), so a
// renamed C++ function is a change here only; jieba's semantics (generators, bytes
// decoding, Tokenizer, posseg pairs, analyse) live in python/zhtext/jieba/.
//
// Conventions: text arguments are str (or bytes, read as UTF-8); strings come back as
// str; offsets are code point (character) offsets unless offsets="bytes". The GIL is
// released around the C++ work (cutting, tagging, ranking, counting, matching): the
// Python objects are read before and built after. Errors become Python exceptions:
// zhtext::errc::not_found -> FileNotFoundError, io_error -> OSError, others ValueError,
// each with zhtext's message (FILE:LINE: ... for malformed files).
//
// Thread safety, as the C++ contracts say: a Segmenter and a PosTagger may cut from
// many threads while words are added; a KeywordExtractor is immutable here (its
// configuration is chosen at construction; the Python layer swaps in a new one to
// change it); a FrequencyTable is only changed with the GIL held.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <zhtext/entities.hpp>
#include <zhtext/frequency.hpp>
#include <zhtext/keywords.hpp>
#include <zhtext/match.hpp>
#include <zhtext/normalize.hpp>
#include <zhtext/pos.hpp>
#include <zhtext/segment.hpp>
#include <zhtext/sentence.hpp>
#include <zhtext/stop_words.hpp>
#include <zhtext/utf8.hpp>
#include <zhtext/version.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "count.hpp"
#include "py_text.hpp"

namespace py = pybind11;
using namespace pybind11::literals;
using zhtext_py::utf8_text;

namespace {

// ---- errors -------------------------------------------------------------------

[[noreturn]] void raise(const zhtext::error& e) {
  PyObject* type = PyExc_ValueError;
  if (e.code == zhtext::errc::not_found) type = PyExc_FileNotFoundError;
  else if (e.code == zhtext::errc::io_error) type = PyExc_OSError;
  PyErr_SetString(type, e.message.c_str());
  throw py::error_already_set();
}
template <class T>
T check(zhtext::result<T>&& r) {
  if (!r) raise(r.error());
  return std::move(*r);
}
void check(zhtext::result<void>&& r) {
  if (!r) raise(r.error());
}

// A str from UTF-8 that zhtext produced (well-formed unless the input was not).
py::str to_str(std::string_view s) { return utf8_text::decode(s.data(), s.size()); }

// Builds a list of n items from make(i) (no resizing, no reference churn).
template <class Make>
py::list make_list(std::size_t n, Make&& make) {
  py::list out(n);
  for (std::size_t i = 0; i < n; ++i) PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), make(i).release().ptr());
  return out;
}

// ---- segmentation -------------------------------------------------------------

zhtext::cut_options cut_options(const std::string& mode, bool hmm) {
  if (mode == "precise") return {zhtext::cut_mode::precise, hmm};
  if (mode == "full") return {zhtext::cut_mode::full, hmm};
  if (mode == "search") return {zhtext::cut_mode::search, hmm};
  throw py::value_error("mode must be 'precise', 'full' or 'search', not '" + mode + "'");
}

// Tokens as found while the GIL is released: bytes of the input, or of `extra` (full
// mode's glued Latin pieces, which are no view of the input), and the cached str of
// each (looked up without the GIL too).
struct piece {
  std::size_t offset, size;
  bool own;
};
struct pieces {
  std::vector<piece> list;
  std::string extra;
  std::vector<PyObject*> cached;  // borrowed from the cache; nullptr: not cached

  void add(std::string_view input, std::string_view text, std::size_t offset) {
    if (text.empty() || text.data() == input.data() + offset) {
      list.push_back({offset, text.size(), false});
    } else {
      list.push_back({extra.size(), text.size(), true});
      extra.append(text);
    }
  }
  std::string_view bytes(std::string_view input, const piece& p) const {
    return p.own ? std::string_view(extra).substr(p.offset, p.size) : input.substr(p.offset, p.size);
  }
  // Without the GIL, after the cut.
  void find_cached(const utf8_text& t, const zhtext_py::str_cache& cache) {
    if (t.had_surrogates()) return;  // the strs hold the surrogates: decode them all
    cache.find_all(list.size(), [&](std::size_t i) { return bytes(t.bytes(), list[i]); }, cached);
  }
  // With the GIL: the str of token i (new reference), noting new ones for the cache.
  py::str str(const utf8_text& t, std::size_t i, std::vector<PyObject*>& fresh) const {
    if (i < cached.size() && cached[i] != nullptr) return py::reinterpret_borrow<py::str>(cached[i]);
    const piece& p = list[i];
    py::str s = p.own ? utf8_text::decode(extra.data() + p.offset, p.size) : t.str_at(p.offset, p.size);
    if (!t.had_surrogates() && p.size <= zhtext_py::str_cache::max_bytes) fresh.push_back(s.inc_ref().ptr());
    return s;
  }
};

// A list of the tokens' strs (make(i, str) -> the item), feeding the cache.
template <class Make>
py::list token_list(const utf8_text& t, const pieces& p, zhtext_py::str_cache& cache, Make&& make) {
  std::vector<PyObject*> fresh;
  py::list out(p.list.size());
  try {
    for (std::size_t i = 0; i < p.list.size(); ++i)
      PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), make(i, p.str(t, i, fresh)).release().ptr());
  } catch (...) {
    cache.add_all(fresh);
    throw;
  }
  cache.add_all(fresh);
  return out;
}

struct segmenter_handle {
  std::shared_ptr<zhtext::segmenter> seg;
  std::shared_ptr<zhtext_py::str_cache> strs = std::make_shared<zhtext_py::str_cache>();

  pieces cut(const utf8_text& t, const zhtext::cut_options& opt) const {
    pieces out;
    const std::shared_ptr<zhtext::segmenter> s = seg;  // alive while the GIL is released
    py::gil_scoped_release nogil;
    const std::string_view in = t.bytes();
    s->for_each_token(in, [&](const zhtext::token& k) { out.add(in, k.text, k.offset); }, opt);
    out.find_cached(t, *strs);
    return out;
  }
};

segmenter_handle load_segmenter(std::optional<std::string> dict_path, std::optional<std::string> jieba_dir) {
  zhtext::segmenter_options o;
  if (dict_path) o.dict_path = *dict_path;
  if (jieba_dir) o.jieba_dir = *jieba_dir;
  std::optional<zhtext::result<zhtext::segmenter>> r;
  {
    py::gil_scoped_release nogil;
    r.emplace(zhtext::segmenter::load(o));
  }
  return {std::make_shared<zhtext::segmenter>(check(std::move(*r)))};
}

py::list cut_words(const segmenter_handle& h, py::handle text, const std::string& mode, bool hmm) {
  const utf8_text t(text);
  const pieces p = h.cut(t, cut_options(mode, hmm));
  return token_list(t, p, *h.strs, [](std::size_t, py::str s) { return s; });
}

// (word, start, end) with character (or byte) offsets: jieba.tokenize's triples.
py::list cut_spans(const segmenter_handle& h, py::handle text, const std::string& mode, bool hmm,
                   const std::string& offsets) {
  const bool bytes = zhtext_py::byte_offsets(offsets);
  const utf8_text t(text);
  const pieces p = h.cut(t, cut_options(mode, hmm));
  zhtext_py::char_cursor cur(t.bytes());
  return token_list(t, p, *h.strs, [&](std::size_t i, py::str s) {
    const piece& x = p.list[i];
    if (x.own) throw py::value_error("cut_spans: full mode has no offsets");
    const std::size_t b = bytes ? x.offset : cur.at(x.offset);
    const std::size_t e = bytes ? x.offset + x.size : cur.at(x.offset + x.size);
    return py::make_tuple(std::move(s), b, e);
  });
}

std::string utf8_arg(py::handle s, const char* what) { return std::string(utf8_text(s, what).bytes()); }

// ---- POS tagging --------------------------------------------------------------

struct tagger_handle {
  std::shared_ptr<const zhtext::pos_tagger> tagger;
  std::shared_ptr<zhtext_py::str_cache> strs = std::make_shared<zhtext_py::str_cache>();
};

// [(word, flag), ...] as jieba.posseg.lcut gives them (words and flags from the cache).
py::list tag_words(const tagger_handle& h, py::handle text, bool hmm) {
  const utf8_text t(text);
  pieces words, flags;
  {
    const auto tagger = h.tagger;
    py::gil_scoped_release nogil;
    const std::string_view in = t.bytes();
    tagger->for_each_tagged_token(in, [&](const zhtext::tagged_token& k) {
      words.add(in, k.text, k.offset);
      flags.list.push_back({flags.extra.size(), k.tag.size(), true});
      flags.extra.append(k.tag);
    }, hmm);
    words.find_cached(t, *h.strs);
    flags.find_cached(t, *h.strs);
  }
  std::vector<PyObject*> fresh;
  py::list out = token_list(t, words, *h.strs, [&](std::size_t i, py::str w) {
    return py::make_tuple(std::move(w), flags.str(t, i, fresh));
  });
  h.strs->add_all(fresh);
  return out;
}

// ---- keywords -----------------------------------------------------------------

struct idf_handle {
  std::shared_ptr<const zhtext::idf_table> idf;
};
struct stop_handle {
  std::shared_ptr<const zhtext::keyword_stop_words> stop;
};
struct extractor_handle {
  std::shared_ptr<const zhtext::keyword_extractor> kw;
};

std::vector<std::string> utf8_list(const std::vector<py::object>& items, const char* what) {
  std::vector<std::string> out;
  for (const py::object& o : items) out.push_back(utf8_arg(o, what));
  return out;
}

py::list keywords_list(const utf8_text& t, const std::vector<zhtext::keyword>& ks) {
  return make_list(ks.size(), [&](std::size_t i) { return py::make_tuple(t.str_of(ks[i].word), ks[i].weight); });
}

// ---- frequency tables ---------------------------------------------------------

using table = zhtext::frequency_table;
constexpr std::size_t all_rows = static_cast<std::size_t>(-1);

py::tuple row_tuple(const table::row& r) { return py::make_tuple(to_str(r.token), r.count, r.df); }

table count_documents(const std::vector<py::object>& docs, const std::string& tokens, const std::string& mode, bool hmm,
                      const segmenter_handle* seg, py::object stop_words, std::size_t min_length, bool han_only,
                      bool skip_punctuation, bool per_line) {
  zhtext_py::count_spec spec;
  spec.per_line = per_line;
  if (tokens == "words") {
    if (seg == nullptr) throw py::value_error("count: tokens='words' needs a segmenter");
    spec.words = seg->seg.get();
    spec.cut = cut_options(mode, hmm);
  } else if (tokens == "chars") {
    spec.n = 1;
  } else if (tokens.rfind("ngram:", 0) == 0) {
    const std::string v = tokens.substr(6);
    std::size_t n = 0, used = 0;
    try {
      n = std::stoul(v, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (v.empty() || used != v.size() || n < 1 || n > 32 || v[0] == '+' || v[0] == '-' || v[0] == ' ')
      throw py::value_error("tokens='ngram:N' needs N from 1 to 32, not '" + v + "'");
    spec.n = n;
  } else {
    throw py::value_error("tokens must be 'words', 'chars' or 'ngram:N', not '" + tokens + "'");
  }
  zhtext::frequency_options fo;
  std::optional<zhtext::stop_words> own_stop;
  if (!stop_words.is_none()) {
    if (py::isinstance<py::str>(stop_words) && stop_words.cast<std::string>() == "builtin") {
      fo.stop_words = &zhtext::stop_words::builtin();
    } else if (py::isinstance<py::str>(stop_words)) {
      own_stop.emplace(check(zhtext::stop_words::load(stop_words.cast<std::string>())));
      fo.stop_words = &*own_stop;
    } else {
      std::vector<std::string> words;
      for (const py::handle w : stop_words) words.push_back(utf8_arg(w, "a stop word"));
      own_stop.emplace(check(zhtext::stop_words::from_words(words)));
      fo.stop_words = &*own_stop;
    }
  }
  fo.min_length = min_length;
  fo.skip_punctuation = skip_punctuation;
  if (spec.words != nullptr) fo.han_only = han_only;
  else spec.ngram.han_only = han_only;

  std::vector<std::unique_ptr<utf8_text>> texts;
  texts.reserve(docs.size());
  for (const py::object& d : docs) texts.push_back(std::make_unique<utf8_text>(d, "a document"));
  const auto hold = seg != nullptr ? seg->seg : nullptr;
  table out;
  {
    py::gil_scoped_release nogil;
    table t(fo);
    for (const auto& d : texts) zhtext_py::count_document(spec, d->bytes(), t);
    out.merge(t);  // the same rows, without the filters' pointer to `own_stop`
  }
  return out;
}

// ---- matching -----------------------------------------------------------------

zhtext::match_kind match_kind(const std::string& k) {
  if (k == "overlapping") return zhtext::match_kind::overlapping;
  if (k == "leftmost_longest") return zhtext::match_kind::leftmost_longest;
  if (k == "leftmost_first") return zhtext::match_kind::leftmost_first;
  throw py::value_error("kind must be 'overlapping', 'leftmost_longest' or 'leftmost_first', not '" + k + "'");
}

using matcher_ptr = std::shared_ptr<zhtext::matcher>;  // immutable all the same

// ---- entities, sentences, normalisation ---------------------------------------

zhtext::entity_options entity_kinds(const std::optional<std::vector<std::string>>& kinds) {
  zhtext::entity_options o;
  if (!kinds) return o;
  o.kinds = 0;
  for (const std::string& k : *kinds) {
    zhtext::entity_kind e;
    if (!zhtext::parse_entity_kind(k, e)) throw py::value_error("unknown entity kind '" + k + "'");
    o.kinds |= zhtext::entity_options::bit(e);
  }
  return o;
}

// A normalised text and its map back to the input, with character offsets.
struct normalized {
  std::string source;
  zhtext::normalized_text n;
  py::tuple to_source(std::size_t begin, std::size_t end) const {
    const std::size_t b = zhtext::byte_offset_of_code_point(n.text, begin);
    const std::size_t e = zhtext::byte_offset_of_code_point(n.text, end);
    const zhtext::byte_range r = n.map.to_source(b, e);
    return py::make_tuple(zhtext::code_point_index_of_byte(source, r.begin), zhtext::code_point_index_of_byte(source, r.end));
  }
};

zhtext::normalize_options normalize_options(bool fold_width, bool cjk_punctuation, bool join_lines,
                                            bool clean_whitespace, bool remove_controls) {
  zhtext::normalize_options o;
  o.fold_width = fold_width;
  o.cjk_punctuation = cjk_punctuation;
  o.join_lines = join_lines;
  o.clean_whitespace = clean_whitespace;
  o.remove_controls = remove_controls;
  return o;
}

}  // namespace

PYBIND11_MODULE(_zhtext, m) {
  m.doc() = "zhtext's C++ core (see the zhtext package for the Python API)";
  m.attr("__version__") = zhtext::version;
  m.def("jieba_data_dir", [] { return zhtext::jieba_data_dir(); },
        "The directory of jieba's data that zhtext reads (dict.txt, finalseg/, posseg/, analyse/).");

  // ---- Segmenter
  py::class_<segmenter_handle>(m, "Segmenter", "jieba 0.42.1's segmentation (zhtext::segmenter). Thread-safe.")
      .def_static("load", &load_segmenter, "dict_path"_a = py::none(), "jieba_dir"_a = py::none(),
                  "Loads a main dictionary (default: jieba's dict.txt) and jieba's HMM.")
      .def("cut", &cut_words, "text"_a, "mode"_a = "precise", "hmm"_a = true,
           "The words of text (str), as jieba.lcut / lcut(cut_all=True) / lcut_for_search give them.")
      .def("cut_spans", &cut_spans, "text"_a, "mode"_a = "precise", "hmm"_a = true, "offsets"_a = "chars",
           "[(word, start, end)]: character offsets (offsets='bytes': UTF-8 byte offsets); not for mode='full'.")
      .def("add_word", [](segmenter_handle& h, py::handle word, std::optional<std::int64_t> freq, py::handle tag) {
             const std::string w = utf8_arg(word, "word");
             const std::string t = tag.is_none() ? std::string() : utf8_arg(tag, "tag");
             check(h.seg->add_word(w, freq, t));
           }, "word"_a, "freq"_a = py::none(), "tag"_a = py::none())
      .def("del_word", [](segmenter_handle& h, py::handle word) { check(h.seg->del_word(utf8_arg(word, "word"))); })
      .def("suggest_freq", [](segmenter_handle& h, py::handle word, bool tune) {
             return check(h.seg->suggest_freq(utf8_arg(word, "word"), tune));
           }, "word"_a, "tune"_a = false)
      .def("suggest_freq_segments", [](segmenter_handle& h, const std::vector<py::object>& segs, bool tune) {
             const std::vector<std::string> s = utf8_list(segs, "segment");
             return check(h.seg->suggest_freq(std::vector<std::string_view>(s.begin(), s.end()), tune));
           }, "segments"_a, "tune"_a = false)
      .def("load_userdict", [](segmenter_handle& h, const std::string& path) { check(h.seg->add_user_dictionary(path)); })
      .def("load_userdict_text", [](segmenter_handle& h, const py::bytes& text, const std::string& name) {
             check(h.seg->add_user_dictionary_text(std::string(text), name));
           }, "text"_a, "name"_a = "<memory>")
      .def("freq", [](const segmenter_handle& h, py::handle word) { return h.seg->freq(utf8_text(word, "word").bytes()); },
           "jieba's FREQ.get(word): the frequency, 0 for a prefix of words, None if neither.")
      .def_property_readonly("total", [](const segmenter_handle& h) { return h.seg->total(); });

  // ---- PosTagger
  py::class_<tagger_handle>(m, "PosTagger", "jieba.posseg (zhtext::pos_tagger) over a Segmenter it shares.")
      .def(py::init([](const segmenter_handle& s, std::optional<std::string> jieba_dir) {
             zhtext::segmenter_options o;
             if (jieba_dir) o.jieba_dir = *jieba_dir;
             return tagger_handle{std::make_shared<const zhtext::pos_tagger>(check(zhtext::pos_tagger::load(s.seg, o)))};
           }), "segmenter"_a, "jieba_dir"_a = py::none())
      .def("tag", &tag_words, "text"_a, "hmm"_a = true, "[(word, flag)] as jieba.posseg.lcut gives them.");

  // ---- keywords
  py::class_<idf_handle>(m, "IdfTable", "An IDF table in jieba's format (zhtext::idf_table).")
      .def_static("load", [](std::optional<std::string> path) {
             std::optional<zhtext::result<zhtext::idf_table>> r;
             {
               py::gil_scoped_release nogil;
               r.emplace(path ? zhtext::idf_table::load(*path) : zhtext::idf_table::load_default());
             }
             return idf_handle{std::make_shared<const zhtext::idf_table>(check(std::move(*r)))};
           }, "path"_a = py::none())
      .def("idf", [](const idf_handle& h, py::handle w) { return h.idf->idf(utf8_text(w, "word").bytes()); })
      .def_property_readonly("median", [](const idf_handle& h) { return h.idf->median(); })
      .def("__len__", [](const idf_handle& h) { return h.idf->size(); });

  py::class_<stop_handle>(m, "KeywordStopWords", "A set of stop words for keywords (zhtext::keyword_stop_words).")
      .def(py::init([](const std::vector<py::object>& words) {
             zhtext::keyword_stop_words s;
             for (const py::object& w : words) s.add(utf8_text(w, "a stop word").bytes());
             return stop_handle{std::make_shared<const zhtext::keyword_stop_words>(std::move(s))};
           }), "words"_a, "The words, as they are (jieba.analyse's stop_words set).")
      .def("matches", [](const stop_handle& h, py::handle w) {
             std::string buf;
             return h.stop->matches(utf8_text(w, "word").bytes(), buf);
           }, "jieba's test word.lower() in stop_words.")
      .def("__len__", [](const stop_handle& h) { return h.stop->size(); });

  py::class_<extractor_handle>(m, "KeywordExtractor", "jieba.analyse's TF-IDF and TextRank (immutable).")
      .def(py::init([](const tagger_handle& t, const idf_handle* idf, const stop_handle& stop) {
             // No table (TextRank needs none): the empty one.
             zhtext::keyword_extractor k(t.tagger, idf != nullptr ? idf->idf : std::make_shared<const zhtext::idf_table>());
             k.set_stop_words(stop.stop);
             return extractor_handle{std::make_shared<const zhtext::keyword_extractor>(std::move(k))};
           }), "tagger"_a, "idf"_a, "stop_words"_a)
      .def("tfidf", [](const extractor_handle& h, py::handle text, std::size_t top, const std::vector<py::object>& pos) {
             const utf8_text t(text);
             zhtext::tfidf_options o;
             o.top = top;
             o.allow_pos = utf8_list(pos, "allowPOS");
             std::vector<zhtext::keyword> ks;
             {
               const auto kw = h.kw;
               py::gil_scoped_release nogil;
               ks = kw->tfidf(t.bytes(), o);
             }
             return keywords_list(t, ks);
           }, "text"_a, "top"_a = 20, "allow_pos"_a = std::vector<py::object>(),
           "[(word, weight)] best first, as jieba.analyse.extract_tags(withWeight=True); top 0: all.")
      .def("textrank", [](const extractor_handle& h, py::handle text, std::size_t top, const std::vector<py::object>& pos,
                          std::size_t span) {
             const utf8_text t(text);
             zhtext::textrank_options o;
             o.top = top;
             o.allow_pos = utf8_list(pos, "allowPOS");
             o.span = span;
             std::vector<zhtext::keyword> ks;
             {
               const auto kw = h.kw;
               py::gil_scoped_release nogil;
               ks = kw->textrank(t.bytes(), o);
             }
             return keywords_list(t, ks);
           }, "text"_a, "top"_a = 20, "allow_pos"_a, "span"_a = 5,
           "[(word, weight)] best first, as jieba.analyse.textrank(withWeight=True); top 0: all.");

  // ---- FrequencyTable
  py::class_<table>(m, "FrequencyTable",
                    "Token counts (count, df) over documents (zhtext::frequency_table). Mergeable, picklable.")
      .def(py::init<>())
      .def("merge", [](table& a, const table& b) { a.merge(b); }, "other"_a,
           "Adds other's rows: counts and document frequencies add up (disjoint documents).")
      .def("append", [](table& a, const table& b) { a.append(b); }, "other"_a,
           "merge(), numbering other's documents after this table's.")
      .def("top", [](const table& t, std::optional<std::size_t> k) {
             const auto rows = t.top(k ? *k : t.size());
             return make_list(rows.size(), [&](std::size_t i) { return row_tuple(rows[i]); });
           }, "k"_a = py::none(), "[(token, count, df)], count descending then token (UTF-8 bytes) ascending.")
      .def("to_tsv", [](const table& t, std::optional<std::size_t> limit) { return to_str(t.to_tsv(limit ? *limit : all_rows)); },
           "limit"_a = py::none(), "token<TAB>count<TAB>df lines, as `zhtext count --format tsv` prints them.")
      .def("to_json", [](const table& t, std::optional<std::size_t> limit) { return to_str(t.to_json(limit ? *limit : all_rows)); },
           "limit"_a = py::none(), "zhtext's lossless JSON (documents, first positions in bytes).")
      .def_static("from_tsv", [](py::handle s) { return check(table::from_tsv(utf8_text(s).bytes())); }, "text"_a)
      .def_static("from_json", [](py::handle s) { return check(table::from_json(utf8_text(s).bytes())); }, "text"_a)
      .def("count", [](const table& t, py::handle w) { return t.count(utf8_text(w, "token").bytes()); }, "token"_a)
      .def("df", [](const table& t, py::handle w) { return t.df(utf8_text(w, "token").bytes()); }, "token"_a)
      .def("__getitem__", [](const table& t, py::handle w) { return t.count(utf8_text(w, "token").bytes()); })
      .def("__contains__", [](const table& t, py::handle w) {
             return py::isinstance<py::str>(w) && t.count(utf8_text(w).bytes()) != 0;
           })
      .def("__len__", &table::size)
      .def("__eq__", [](const table& a, const table& b) { return a.to_json() == b.to_json(); })
      .def_property_readonly("documents", &table::documents)
      .def_property_readonly("total", &table::total);

  m.def("_count", &count_documents, "documents"_a, "tokens"_a, "mode"_a, "hmm"_a, "segmenter"_a, "stop_words"_a,
        "min_length"_a, "han_only"_a, "skip_punctuation"_a, "per_line"_a);

  // ---- Matcher
  py::class_<zhtext::matcher, matcher_ptr>(m, "Matcher", "Many literal patterns at once (zhtext::matcher). Immutable.")
      .def(py::init([](const std::vector<py::object>& patterns, const std::vector<std::uint32_t>& ids,
                       const std::vector<py::object>& payloads, bool fold_case, bool fold_width, py::handle ignorable,
                       bool reject_duplicates) {
             zhtext::match_options o;
             o.fold_case = fold_case;
             o.fold_width = fold_width;
             o.ignorable = utf8_arg(ignorable, "ignorable");
             o.reject_duplicates = reject_duplicates;
             zhtext::matcher_builder b(o);
             for (std::size_t i = 0; i < patterns.size(); ++i)
               check(b.add(utf8_arg(patterns[i], "a pattern"), ids[i], utf8_arg(payloads[i], "a payload")));
             return std::make_shared<zhtext::matcher>(check(b.build()));
           }), "patterns"_a, "ids"_a, "payloads"_a, "fold_case"_a, "fold_width"_a, "ignorable"_a, "reject_duplicates"_a)
      .def("find", [](const zhtext::matcher& mt, py::handle text, const std::string& kind, const std::string& offsets) {
             const bool bytes = zhtext_py::byte_offsets(offsets);
             const utf8_text t(text);
             const zhtext::match_kind k = match_kind(kind);
             std::vector<zhtext::match> v;
             {
               py::gil_scoped_release nogil;
               v = mt.match_vector(t.bytes(), k);
             }
             zhtext_py::char_cursor cur(t.bytes());
             return make_list(v.size(), [&](std::size_t i) {
               const zhtext::match& x = v[i];
               const std::size_t b = bytes ? x.begin : cur.at(x.begin), e = bytes ? x.end : cur.at(x.end);
               return py::make_tuple(b, e, x.pattern, x.id);
             });
           }, "text"_a, "kind"_a = "overlapping", "offsets"_a = "chars")
      .def("mask", [](const zhtext::matcher& mt, py::handle text, py::handle mask, const std::string& kind) {
             const utf8_text t(text);
             const std::string mk = utf8_arg(mask, "mask");
             const std::u32string m32 = zhtext::to_utf32(mk);
             if (m32.size() != 1) throw py::value_error("mask must be one character");
             const zhtext::match_kind k = match_kind(kind);
             std::string out;
             {
               py::gil_scoped_release nogil;
               out = mt.mask(t.raw_bytes(), m32[0], k);  // lone surrogates pass through
             }
             return utf8_text::decode(out.data(), out.size(), t.had_surrogates());
           }, "text"_a, "mask"_a = "*", "kind"_a = "leftmost_longest")
      .def("contains_any", [](const zhtext::matcher& mt, py::handle text) {
             const utf8_text t(text);
             py::gil_scoped_release nogil;
             return mt.contains_any(t.bytes());
           })
      .def("pattern", [](const zhtext::matcher& mt, std::uint32_t i) {
             if (i >= mt.size()) throw py::index_error("pattern index out of range");
             return py::make_tuple(to_str(mt.pattern(i)), mt.id(i), to_str(mt.payload(i)));
           }, "index"_a, "(pattern, id, payload) of pattern number index.")
      .def("__len__", &zhtext::matcher::size)
      .def("to_bytes", [](const zhtext::matcher& mt) { return py::bytes(mt.image().data(), mt.image().size()); },
           "The compiled automaton (zhtext's image format).")
      .def_static("from_bytes", [](const py::bytes& b) {
             return std::make_shared<zhtext::matcher>(check(zhtext::matcher::from_image(std::string_view(b))));
           })
      .def("save", [](const zhtext::matcher& mt, const std::string& path) { check(mt.save_image(path)); })
      .def_static("load", [](const std::string& path) {
             return std::make_shared<zhtext::matcher>(check(zhtext::matcher::load_image(path)));
           });

  // ---- entities, sentences, normalisation, UTF-8
  m.def("entities", [](py::handle text, std::optional<std::vector<std::string>> kinds, const std::string& offsets) {
          const bool bytes = zhtext_py::byte_offsets(offsets);
          const utf8_text t(text);
          const zhtext::entity_options o = entity_kinds(kinds);
          std::vector<std::pair<zhtext::entity, std::string>> v;
          {
            py::gil_scoped_release nogil;
            zhtext::for_each_entity(t.bytes(), [&](const zhtext::entity& e) { v.emplace_back(e, zhtext::canonical_value(e)); }, o);
          }
          zhtext_py::char_cursor cur(t.bytes());
          return make_list(v.size(), [&](std::size_t i) {
            const zhtext::entity& e = v[i].first;
            const std::size_t b = bytes ? e.offset : cur.at(e.offset), x = bytes ? e.end() : cur.at(e.end());
            return py::make_tuple(zhtext::to_string(e.kind), t.str_of(e.text), b, x, to_str(v[i].second));
          });
        }, "text"_a, "kinds"_a = py::none(), "offsets"_a = "chars");

  m.def("sentences", [](py::handle text, bool semicolon, const std::string& line_breaks, const std::string& offsets) {
          const bool bytes = zhtext_py::byte_offsets(offsets);
          const utf8_text t(text);
          zhtext::sentence_options o;
          o.split_on_semicolon = semicolon;
          if (line_breaks == "wrap_aware") o.line_breaks = zhtext::line_break_mode::wrap_aware;
          else if (line_breaks == "always") o.line_breaks = zhtext::line_break_mode::always;
          else if (line_breaks == "never") o.line_breaks = zhtext::line_break_mode::never;
          else throw py::value_error("line_breaks must be 'wrap_aware', 'always' or 'never', not '" + line_breaks + "'");
          std::vector<zhtext::sentence> v;
          {
            py::gil_scoped_release nogil;
            v = zhtext::sentence_vector(t.bytes(), o);
          }
          zhtext_py::char_cursor cur(t.bytes());
          return make_list(v.size(), [&](std::size_t i) {
            const std::size_t b = bytes ? v[i].offset : cur.at(v[i].offset);
            const std::size_t e = bytes ? v[i].offset + v[i].text.size() : cur.at(v[i].offset + v[i].text.size());
            return py::make_tuple(t.str_of(v[i].text), b, e);
          });
        }, "text"_a, "split_on_semicolon"_a = false, "line_breaks"_a = "wrap_aware", "offsets"_a = "chars");

  py::class_<normalized>(m, "Normalized", "A normalised text and its map back to the input (character offsets).")
      .def_property_readonly("text", [](const normalized& n) { return to_str(n.n.text); })
      .def("to_source", &normalized::to_source, "start"_a, "end"_a,
           "The input's character range [start, end) that output characters [start, end) came from.");
  m.def("normalize", [](py::handle text, bool fold_width, bool cjk_punctuation, bool join_lines, bool clean_whitespace,
                        bool remove_controls) {
          const utf8_text t(text);
          normalized out;
          out.source = std::string(t.bytes());
          const auto o = normalize_options(fold_width, cjk_punctuation, join_lines, clean_whitespace, remove_controls);
          py::gil_scoped_release nogil;
          out.n = zhtext::normalize(out.source, o);
          return out;
        }, "text"_a, "fold_width"_a, "cjk_punctuation"_a, "join_lines"_a, "clean_whitespace"_a, "remove_controls"_a);

  m.def("validate_utf8", [](const py::bytes& b) {
          const zhtext::utf8_validation v = zhtext::validate_utf8(std::string_view(b));
          return py::make_tuple(v.ok, v.offset, v.length, v.ok ? "ok" : zhtext::to_string(v.kind));
        }, "data"_a, "(ok, byte offset, length, kind) of the first ill-formed sequence.");
  m.def("repair_utf8", [](const py::bytes& b) { return to_str(zhtext::repair_utf8(std::string_view(b))); }, "data"_a,
        "data decoded with each maximal ill-formed subpart as U+FFFD.");
}
