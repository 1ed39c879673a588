// fuzz/models.cpp - the HMM (finalseg) and POS (posseg) model loaders on arbitrary
// bytes: hmm_model::parse / from_image and pos_model::parse / from_image (the first
// byte picks one; the Python files of a model are length-prefixed parts).
//  - text that is refused gets errc::parse_error or limit_exceeded, naming the file;
//    an image that is refused gets errc::corrupt_data;
//  - a parsed model's image loads back to the same probabilities;
//  - whatever loads can be used: a segmenter with the HMM, or a tagger with the POS
//    model, over a small dictionary, cuts text into tokens that tile it (POS tags
//    never empty).
// Image inputs get their size and checksum rewritten when bit 7 of the first byte is
// set (restamp_image).
#include <cstring>

#include <zhtext/hmm_model.hpp>
#include <zhtext/pos.hpp>
#include <zhtext/pos_model.hpp>
#include <zhtext/segment.hpp>

#include "fuzz_support.hpp"

namespace {

// Tiny models written for these tests, in jieba's file formats.
constexpr std::string_view hmm_start = "P={'B': -0.26, 'E': -3.14e+100, 'M': -3.14e+100, 'S': -1.46}\n";
constexpr std::string_view hmm_trans =
    "P={'B': {'E': -0.51, 'M': -0.91},\n 'E': {'B': -0.59, 'S': -0.81},\n"
    " 'M': {'E': -0.33, 'M': -1.26},\n 'S': {'B': -0.72, 'S': -0.66}}\n";
constexpr std::string_view hmm_emit =
    "from __future__ import unicode_literals\n\nP={'B': {'\\u4e00': -3.65, '社': -5.1},\n 'E': {'区': -4.2},\n"
    " 'M': {'\\u4e2d': -6.0},\n 'S': {'的': -2.5, '一': -3.0}}\n";
constexpr std::string_view pos_chars = "P={'社': (('B', 'n'), ('S', 'v')), '区': (('E', 'n'), ('S', 'x'))}\n";
constexpr std::string_view pos_start = "P={('B', 'n'): -1.0, ('E', 'n'): -3.14e+100, ('S', 'v'): -1.2, ('S', 'x'): -2.0}\n";
constexpr std::string_view pos_trans =
    "P={('B', 'n'): {('E', 'n'): -0.1},\n ('E', 'n'): {('B', 'n'): -0.7, ('S', 'v'): -0.9, ('S', 'x'): -2.0},\n"
    " ('S', 'v'): {('B', 'n'): -0.5, ('S', 'v'): -1.0, ('S', 'x'): -2.0},\n"
    " ('S', 'x'): {('B', 'n'): -0.5, ('S', 'x'): -1.0, ('S', 'v'): -2.0}}\n";
constexpr std::string_view pos_emit =
    "P={('B', 'n'): {'社': -1.0}, ('E', 'n'): {'区': -1.0}, ('S', 'v'): {'社': -2.0}, ('S', 'x'): {'区': -2.0}}\n";

constexpr std::string_view sample_text = "社区社区社今天来到一个中的区。ABC 123\r\n一\xE4\xB8";

std::shared_ptr<zhtext::segmenter> small_segmenter(std::shared_ptr<const zhtext::hmm_model> hmm) {
  static const auto dict = std::make_shared<const zhtext::dictionary>(
      *zhtext::dictionary::parse("社区 20 n\n今天 10 t\n来到 8 v\n一个 30 m\n的 50 uj\n", "<base>"));
  return std::make_shared<zhtext::segmenter>(*zhtext::segmenter::create(dict, std::move(hmm)));
}

void check_refusal(const char* what, const zhtext::error& e, bool image) {
  if (image) {
    FUZZ_CHECK(e.code == zhtext::errc::corrupt_data, std::string(what) + " refuses an image with " +
                                                         zhtext::to_string(e.code) + ": " + e.message);
    return;
  }
  const bool text_error = e.code == zhtext::errc::parse_error || e.code == zhtext::errc::limit_exceeded;
  FUZZ_CHECK(text_error && e.message.find("<fuzz-") != std::string::npos,
             std::string(what) + " refuses text with " + zhtext::to_string(e.code) + " '" + e.message +
                 "' (want parse_error naming the file)");
}

void tile_check(std::string_view text, std::size_t offset, std::string_view token, std::size_t& at) {
  FUZZ_CHECK(offset == at && token.data() == text.data() + at && !token.empty(),
             "tokens do not tile the text at byte " + std::to_string(at));
  at += token.size();
}

void use_hmm(std::shared_ptr<const zhtext::hmm_model> hmm, std::string_view input) {
  const auto seg = small_segmenter(std::move(hmm));
  for (std::string_view text : {sample_text, input.substr(0, 512)}) {
    std::size_t at = 0;
    seg->for_each_token(text, [&](const zhtext::token& t) { tile_check(text, t.offset, t.text, at); });
    FUZZ_CHECK(at == text.size(), "HMM tokens end at " + std::to_string(at));
  }
}

void use_pos(std::shared_ptr<const zhtext::pos_model> model, std::string_view input) {
  auto tagger = zhtext::pos_tagger::create(small_segmenter(nullptr), std::move(model));
  FUZZ_CHECK(tagger.ok(), "no tagger over an accepted model: " + tagger.error().message);
  for (std::string_view text : {sample_text, input.substr(0, 512)})
    for (bool hmm : {true, false}) {
      std::size_t at = 0;
      tagger->for_each_tagged_token(text, [&](const zhtext::tagged_token& t) {
        tile_check(text, t.offset, t.text, at);
        FUZZ_CHECK(!t.tag.empty(), "empty POS tag at byte " + std::to_string(t.offset));
      }, hmm);
      FUZZ_CHECK(at == text.size(), "POS tokens end at " + std::to_string(at));
    }
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::string parts(std::initializer_list<std::string_view> ps) {
  std::string out;
  for (std::string_view p : ps) zhtext_fuzz::append_part(out, p);
  return out;
}

void seeds(const zhtext_fuzz::seed_texts&, std::vector<std::string>& out) {
  out.push_back('\0' + parts({hmm_start, hmm_trans, hmm_emit}));
  out.push_back('\2' + parts({pos_chars, pos_start, pos_trans, pos_emit}));
  auto h = zhtext::hmm_model::parse(hmm_start, hmm_trans, hmm_emit);
  out.push_back('\1' + std::string(h->image()));
  const std::string_view pf[4] = {pos_chars, pos_start, pos_trans, pos_emit};
  auto p = zhtext::pos_model::parse(pf);
  out.push_back('\3' + std::string(p->image()));
}

// A model image from the input (its size and checksum fields rewritten when `restamp`,
// so the structural checks behind them get fuzzed): refused, or used like a parsed one.
template <class Model, class Use>
void use_model_image(std::string_view raw, bool restamp, const char* what, Use use) {
  const auto fixed = restamp ? zhtext_fuzz::restamp_image(raw) : std::vector<std::uint64_t>();
  auto m = Model::from_image(restamp ? zhtext_fuzz::bytes_of(fixed, raw.size()) : raw, "<fuzz>");
  if (!m) return check_refusal(what, m.error(), true);
  use(std::make_shared<const Model>(std::move(*m)), raw);
}

}  // namespace

ZHTEXT_FUZZ_TARGET(models, "HMM and POS model texts and images: refused or usable", seeds) {
  zhtext_fuzz::input_reader in(data);
  const std::uint8_t flags = in.byte();
  const bool restamp = flags & 0x80;
  switch (flags % 4) {
    case 0: {  // finalseg's prob_start.py, prob_trans.py, prob_emit.py
      const std::string_view a = in.part(), b = in.part(), c = in.rest();
      static const std::string names[3] = {"<fuzz-start>", "<fuzz-trans>", "<fuzz-emit>"};
      auto m = zhtext::hmm_model::parse(a, b, c, names);
      if (!m) return check_refusal("hmm_model::parse", m.error(), false);
      auto back = zhtext::hmm_model::from_image(m->image());
      FUZZ_CHECK(back.ok(), "a parsed HMM's image does not load: " + back.error().message);
      for (int s = 0; s < 4; ++s) {
        FUZZ_CHECK(same_bits(back->start(s), m->start(s)), "the image changes start(" + std::to_string(s) + ")");
        for (int t = 0; t < 4; ++t) FUZZ_CHECK(same_bits(back->trans(s, t), m->trans(s, t)), "the image changes trans");
      }
      use_hmm(std::make_shared<const zhtext::hmm_model>(std::move(*m)), c);
      return;
    }
    case 1:
      return use_model_image<zhtext::hmm_model>(in.rest(), restamp, "hmm_model::from_image", use_hmm);
    case 2: {  // posseg's char_state_tab.py, prob_start.py, prob_trans.py, prob_emit.py
      const std::string_view files[4] = {in.part(), in.part(), in.part(), in.rest()};
      static const std::string names[4] = {"<fuzz-chars>", "<fuzz-start>", "<fuzz-trans>", "<fuzz-emit>"};
      auto m = zhtext::pos_model::parse(files, names);
      if (!m) return check_refusal("pos_model::parse", m.error(), false);
      auto back = zhtext::pos_model::from_image(m->image());
      FUZZ_CHECK(back.ok() && back->states() == m->states(), "a parsed POS model's image does not load back");
      use_pos(std::make_shared<const zhtext::pos_model>(std::move(*m)), files[3]);
      return;
    }
    default:
      return use_model_image<zhtext::pos_model>(in.rest(), restamp, "pos_model::from_image", use_pos);
  }
}
