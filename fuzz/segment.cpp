// fuzz/segment.cpp - zhtext/segment.hpp and pos.hpp with jieba's dictionary and models
// (Debian python3-jieba; loaded once per process, from the image cache), in every
// cut mode, with and without user words taken from the input:
//  - the lazy range, the callback and the vector give the same tokens;
//  - precise mode and POS tokens tile the input; full and search mode tokens lie in
//    it; search mode yields every precise token, in order;
//  - replacing ill-formed UTF-8 by U+FFFD (repair_utf8) changes token bytes, never
//    boundaries or tags (precise mode and POS);
//  - POS tags are never empty.
// Input: flags, a count k, k user words as (offset u16, length u8, frequency u8,
// tag u8) slices of the text, then the text.
#include <zhtext/pos.hpp>
#include <zhtext/segment.hpp>

#include "fuzz_support.hpp"

namespace {

struct jieba_data {
  std::shared_ptr<zhtext::segmenter> seg;
  std::shared_ptr<const zhtext::pos_model> model;
  std::shared_ptr<const zhtext::pos_tagger> tagger;
};

const jieba_data& jieba() {
  static const jieba_data d = [] {
    auto seg = zhtext::segmenter::load();
    auto model = zhtext::pos_model::load_default();
    if (!seg || !model) {
      std::fprintf(stderr, "zhtext fuzz segment: needs jieba's data (Debian python3-jieba): %s\n",
                   (!seg ? seg.error() : model.error()).message.c_str());
      std::exit(1);
    }
    jieba_data out;
    out.seg = std::make_shared<zhtext::segmenter>(std::move(*seg));
    out.model = std::make_shared<const zhtext::pos_model>(std::move(*model));
    out.tagger = std::make_shared<const zhtext::pos_tagger>(*zhtext::pos_tagger::create(out.seg, out.model));
    return out;
  }();
  return d;
}

std::string mode_name(const zhtext::cut_options& o) {
  const char* m = o.mode == zhtext::cut_mode::precise ? "precise" : o.mode == zhtext::cut_mode::full ? "full" : "search";
  return std::string(m) + (o.hmm ? "+hmm" : "");
}

void check_tiles(const char* what, std::string_view s, std::size_t offset, std::string_view text, std::size_t& at) {
  FUZZ_CHECK(offset == at && !text.empty() && text.data() == s.data() + at,
             std::string(what) + " tokens do not tile the input at byte " + std::to_string(at));
  at += text.size();
}

std::vector<zhtext::token> cut_checked(const zhtext::segmenter& seg, std::string_view s, zhtext::cut_options o) {
  const std::string mode = mode_name(o);
  // Full mode's glued tokens view a buffer that lives until the next token (callback,
  // range) or until the thread's next full-mode token_vector (vector): compared on the spot.
  const std::vector<zhtext::token> called = seg.token_vector(s, o);
  std::size_t i = 0;
  const auto same = [&](const char* shape, const zhtext::token& t) {
    FUZZ_CHECK(i < called.size() && t == called[i], mode + ": the " + shape + " differs from the vector at token " +
                                                        std::to_string(i));
    ++i;
  };
  seg.for_each_token(s, [&](const zhtext::token& t) { same("callback", t); }, o);
  FUZZ_CHECK(i == called.size(), mode + ": the callback gives fewer tokens than the vector");
  i = 0;
  for (const zhtext::token& t : seg.tokens(s, o)) same("lazy range", t);
  FUZZ_CHECK(i == called.size(), mode + ": the lazy range gives fewer tokens than the vector");
  const std::vector<std::string> strings = seg.word_strings(s, o);
  FUZZ_CHECK(strings.size() == called.size(), mode + ": word_strings gives " + std::to_string(strings.size()) +
                                                  " tokens, the callback " + std::to_string(called.size()));
  for (std::size_t i = 0; i < strings.size(); ++i)
    FUZZ_CHECK(strings[i] == called[i].text, mode + ": word_strings differs at token " + std::to_string(i));
  if (o.mode == zhtext::cut_mode::precise) {
    std::size_t at = 0;
    for (const zhtext::token& t : called) check_tiles("precise", s, t.offset, t.text, at);
    FUZZ_CHECK(at == s.size(), mode + ": tokens end at " + std::to_string(at));
  } else {
    for (const zhtext::token& t : called) {
      FUZZ_CHECK(t.offset <= s.size(), mode + ": a token starts at " + std::to_string(t.offset) + ", past the input");
      const bool viewed = t.text.data() == s.data() + t.offset && t.offset + t.text.size() <= s.size();
      FUZZ_CHECK(viewed || o.mode == zhtext::cut_mode::full,
                 mode + ": the token at " + std::to_string(t.offset) + " does not view the input");
    }
  }
  return called;
}

void check_repair_keeps_tokens(const char* what, std::size_t count, std::size_t i, std::string_view original,
                               std::string_view repaired) {
  FUZZ_CHECK(i < count, std::string(what) + ": the repaired text has fewer tokens");
  FUZZ_CHECK(zhtext::repair_utf8(original) == repaired,
             std::string(what) + ": repair_utf8 moves a boundary at token " + std::to_string(i));
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  for (const std::string& l : t.lines) {
    out.push_back(std::string("\x01\x00", 2) + l);  // HMM, no user words
    // Two user words: the first two and the 3 bytes from 6 of the line.
    std::string s("\x03\x02", 2);
    for (unsigned off : {0u, 6u}) {
      s += static_cast<char>(off);
      s += '\0';
      s += static_cast<char>(off == 0 ? 6 : 3);
      s += static_cast<char>(off == 0 ? 0 : 50);
      s += static_cast<char>(off);
    }
    out.push_back(s + l);
  }
  for (const std::string& p : t.paragraphs) out.push_back(std::string("\x01\x00", 2) + p);
  for (const std::string& c : t.utf8_cases) out.push_back(std::string("\x01\x00", 2) + c + t.lines[0]);
}

}  // namespace

ZHTEXT_FUZZ_TARGET(segment, "segmenter in all modes + POS: tokens tile, three shapes agree, user words (needs jieba)",
                   seeds) {
  const jieba_data& j = jieba();
  zhtext_fuzz::input_reader in(data);
  const std::uint8_t flags = in.byte();
  struct slice {
    std::uint16_t offset;
    std::uint8_t length, freq, tag;
  };
  std::vector<slice> user(in.byte() % 8);
  for (slice& u : user) u = {in.u16(), in.byte(), in.byte(), in.byte()};
  const std::string_view s = in.rest();

  // User words: a segmenter of its own over the same dictionary and HMM.
  std::shared_ptr<zhtext::segmenter> seg = j.seg;
  std::shared_ptr<const zhtext::pos_tagger> tagger = j.tagger;
  if ((flags & 2) && !user.empty()) {
    seg = std::make_shared<zhtext::segmenter>(*zhtext::segmenter::create(j.seg->base_dictionary(), j.seg->hmm()));
    static const char* const tags[] = {"", "n", "nz", "v", "ns", "x", "用户词"};
    for (const slice& u : user) {
      const std::string_view w = s.substr(std::min<std::size_t>(u.offset, s.size()), u.length);
      const bool valid = !w.empty() && zhtext::is_valid_utf8(w);
      if (u.tag == 0xFF) {
        auto r = seg->suggest_freq(w, true);
        FUZZ_CHECK(r.ok() == valid, "suggest_freq(tune) " + std::string(r ? "accepts" : "refuses") + " '" +
                                        std::string(w) + "'");
        continue;
      }
      const std::optional<std::int64_t> freq = u.freq == 0 ? std::nullopt : std::optional<std::int64_t>(u.freq - 1);
      auto r = seg->add_word(w, freq, tags[u.tag % 7]);
      FUZZ_CHECK(r.ok() == valid, "add_word " + std::string(r ? "accepts" : "refuses: " + r.error().message) + " '" +
                                      std::string(w) + "'");
      if (valid) {
        const auto info = seg->lookup(w);
        FUZZ_CHECK(info && (!freq || info->freq == *freq), "lookup of the added word '" + std::string(w) + "'");
      }
    }
    tagger = std::make_shared<const zhtext::pos_tagger>(*zhtext::pos_tagger::create(seg, j.model));
  }

  const bool hmm = flags & 1;
  const std::string repaired = zhtext::repair_utf8(s);
  const bool repair_changes = repaired != s;

  const auto precise = cut_checked(*seg, s, {zhtext::cut_mode::precise, hmm});
  const auto search = cut_checked(*seg, s, {zhtext::cut_mode::search, hmm});
  cut_checked(*seg, s, {zhtext::cut_mode::full, hmm});
  std::size_t k = 0;
  for (const zhtext::token& t : search)
    if (k < precise.size() && t == precise[k]) ++k;
  FUZZ_CHECK(k == precise.size(), "search mode lacks the precise token at " +
                                      std::to_string(k < precise.size() ? precise[k].offset : 0));
  if (repair_changes) {
    const auto fixed = cut_checked(*seg, repaired, {zhtext::cut_mode::precise, hmm});
    for (std::size_t i = 0; i < precise.size(); ++i)
      check_repair_keeps_tokens("precise", fixed.size(), i, precise[i].text, i < fixed.size() ? fixed[i].text : "");
    FUZZ_CHECK(fixed.size() == precise.size(), "precise: the repaired text has more tokens");
  }

  // POS: tiles, three shapes, tags.
  std::vector<zhtext::tagged_token> called;
  tagger->for_each_tagged_token(s, [&](const zhtext::tagged_token& t) { called.push_back(t); }, hmm);
  std::vector<zhtext::tagged_token> lazy;
  for (const zhtext::tagged_token& t : tagger->tagged_tokens(s, hmm)) lazy.push_back(t);
  FUZZ_CHECK(lazy == called, "POS: the lazy range differs from the callback");
  FUZZ_CHECK(tagger->tagged_token_vector(s, hmm) == called, "POS: the vector differs from the callback");
  std::size_t at = 0;
  for (const zhtext::tagged_token& t : called) {
    check_tiles("POS", s, t.offset, t.text, at);
    FUZZ_CHECK(!t.tag.empty(), "POS: empty tag at byte " + std::to_string(t.offset));
  }
  FUZZ_CHECK(at == s.size(), "POS: tokens end at " + std::to_string(at));
  if (repair_changes) {
    const auto fixed = tagger->tagged_token_vector(repaired, hmm);
    for (std::size_t i = 0; i < called.size(); ++i) {
      check_repair_keeps_tokens("POS", fixed.size(), i, called[i].text, i < fixed.size() ? fixed[i].text : "");
      FUZZ_CHECK(fixed[i].tag == called[i].tag, "POS: repair_utf8 changes the tag of token " + std::to_string(i));
    }
    FUZZ_CHECK(fixed.size() == called.size(), "POS: the repaired text has more tokens");
  }
}
