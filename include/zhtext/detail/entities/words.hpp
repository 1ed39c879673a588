// zhtext/detail/entities/words.hpp - relative times, named days and bylines.
//
// relative(i) and named_day(i) look words up in the lexicon (with a few context rules:
// 日前 not inside 节日前, 十一/五一 only beside another festival or before 长假/期间,
// weekdays not before a count as in 每周一次). byline(i) reads 本报讯（ROLE NAME ...）,
// (ROLE NAME ...), names alone or ORG供稿 in brackets closing a paragraph, ROLE NAME on
// its own, 文/NAME and NAME/摄. Names are 2-4 Han characters (or up to 12 with a
// middle dot); at most byline_value::capacity of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "dates.hpp"

namespace zhtext::detail {

class entity_words : public entity_dates {
 public:
  using entity_dates::entity_dates;

 protected:
  // ---- relative times and named days -----------------------------------------

  void relative(std::size_t i, char32_t c, found& best) const noexcept {
    if (!entity_lexicon::may_start(c)) return;
    const lex_entry* r = word(i, lex_tag::relative);
    if (r == nullptr) return;
    if (r->word == "日前") {
      // 节日前, 生日前, 工作日前: 日 belongs to the word before.
      switch (prev(i)) {
        case U'节': case U'生': case U'假': case U'作': case U'念': case U'周': case U'次': case U'当': case U'每':
        case U'今': case U'昨': case U'明': case U'前': case U'后': case U'某': case U'末': case U'平': case U'终':
        case U'整': case U'多': case U'数': case U'几': case U'近': case U'连': case U'逐': case U'往': case U'昔':
        case U'白': case U'吉': case U'期': case U'星': case U'拜':
          return;
        default:
          if (is_numeral_char(prev(i)) || arabic_digit_value(prev(i)) >= 0) return;
      }
    }
    relative_value v;
    v.unit = static_cast<relative_unit>(r->a);
    v.offset = r->b;
    offer(best, i, i + r->word.size(), entity_kind::relative, v);
  }

  bool festival_context_after(std::size_t k) const noexcept {
    if (word(k, lex_tag::festival_ctx) != nullptr) return true;
    const char32_t c = cp(k);
    if (c == U'、' || c == U'和' || c == U'与' || c == U'及' || c == ',' || c == U'，')
      return word(after(k), lex_tag::named_day) != nullptr;
    return false;
  }
  bool festival_context_before(std::size_t i) const noexcept {
    const char32_t c = prev(i);
    if (c != U'、' && c != U'和' && c != U'与' && c != U'及') return false;
    std::size_t b;
    return entity_lexicon::ends_with(p_, prev_start(i), lex_tag::named_day, b);
  }

  void named_day(std::size_t i, char32_t c, found& best) const noexcept {
    if (!entity_lexicon::may_start(c) && c != U'农') return;
    std::size_t j = i;
    const bool lunar_prefix = word_at(i, "农历");
    if (lunar_prefix) j = i + 6;
    const lex_entry* d = word(j, lex_tag::named_day);
    if (d == nullptr && !lunar_prefix) {
      d = word(j, lex_tag::named_day_ctx);
      if (d != nullptr && !festival_context_after(j + d->word.size()) && !festival_context_before(j)) d = nullptr;
    }
    if (d == nullptr || (lunar_prefix && d->a != 1)) return;
    const std::size_t e = j + d->word.size();
    if (d->a == 3) {
      // 周一 but not 每周一次 / 一周三次: a count follows.
      const char32_t nx = cp(e);
      if (nx == U'次' || nx == U'回' || nx == U'遍' || nx == U'趟' || nx == U'天' || nx == U'个' || nx == U'人' ||
          nx == U'年')
        return;
    }
    named_day_value v;
    v.key = d->key;
    v.calendar = static_cast<day_calendar>(d->a);
    v.month = static_cast<std::uint8_t>(d->b);
    v.day = static_cast<std::uint8_t>(d->c);
    offer(best, i, e, entity_kind::named_day, v);
  }

  // ---- bylines ---------------------------------------------------------------

  /// A run of Han characters (and ·) at j, at most 24; `chars` gets its length.
  std::size_t han_token(std::size_t j, int& chars, bool& dotted) const noexcept {
    chars = 0;
    dotted = false;
    std::size_t k = j;
    while (k < n_ && chars <= 24) {
      const char32_t c = cp(k);
      if (is_han(c)) {
        ++chars;
      } else if ((c == 0x00B7 || c == 0x2022 || c == 0x30FB) && chars > 0 && is_han(cp(after(k)))) {
        dotted = true;
        ++chars;
      } else {
        break;
      }
      k = after(k);
    }
    return k;
  }
  static bool is_name(int chars, bool dotted) noexcept {
    return dotted ? chars >= 3 && chars <= 12 : chars >= 2 && chars <= 4;
  }
  /// A role word covering exactly [k, e), or a role word followed by a name in
  /// [k, e) ("记者李冉"): returns the role entry; `name_begin` is where the name starts
  /// (== e for a bare role word).
  const lex_entry* role_in_token(std::size_t k, std::size_t e, bool allow_slash_only,
                                 std::size_t& name_begin) const noexcept {
    const lex_entry* r = word(k, lex_tag::role);
    if (r == nullptr || (r->b == 1 && !allow_slash_only)) return nullptr;
    const std::size_t re = k + r->word.size();
    if (re > e) return nullptr;
    if (re == e) {
      name_begin = e;
      return r;
    }
    int chars = 0;
    for (std::size_t q = re; q < e; q = after(q)) ++chars;
    if (chars < 2 || chars > 4) return nullptr;
    name_begin = re;
    return r;
  }
  static bool add_name(byline_value& v, std::size_t b, std::size_t e, byline_role role, const unsigned char* p) noexcept {
    if (v.count >= byline_value::capacity) return false;
    v.names[v.count] = std::string_view(reinterpret_cast<const char*>(p) + b, e - b);
    v.roles[v.count] = role;
    ++v.count;
    return true;
  }
  std::size_t separators(std::size_t k) const noexcept {
    for (;;) {
      const char32_t c = cp(k);
      if (is_inline_space(c) || c == U'、' || c == U'，' || c == ',') k = after(k);
      else return k;
    }
  }
  bool sentence_end_before(std::size_t i) const noexcept {
    std::size_t b = i;
    while (b > 0 && is_inline_space(prev(b))) b = prev_start(b);
    switch (prev(b)) {
      case U'。': case U'！': case U'？': case '!': case '?': case U'…': case U'”': case U'’': case U'」':
      case U'』': case '.':
        return true;
      default:
        return false;
    }
  }
  bool line_end_at(std::size_t k) const noexcept {
    k = spaces(k);
    const char32_t c = cp(k);
    return c == 0 || c == '\n' || c == '\r';
  }

  /// ( ROLE NAME [NAME] [ROLE NAME ...] ) at j, or (NAMES), or (ORG供稿).
  bool bracket_credits(std::size_t j, byline_value& v, std::size_t& end, bool& has_role, bool& contributor) const noexcept {
    const char32_t open = cp(j);
    if (open != '(' && open != U'（') return false;
    std::size_t k = spaces(after(j));
    byline_role role = byline_role::author;
    bool pending = false;
    has_role = contributor = false;
    for (int tokens = 0; tokens < 16; ++tokens) {
      const char32_t c = cp(k);
      if (c == ')' || c == U'）') {
        if (pending || v.count == 0) return false;
        end = after(k);
        return true;
      }
      int chars;
      bool dotted;
      const std::size_t e = han_token(k, chars, dotted);
      if (e == k) return false;
      std::size_t nb;
      if (const lex_entry* r = role_in_token(k, e, false, nb)) {
        role = static_cast<byline_role>(r->a);
        has_role = true;
        pending = nb == e;
        if (!pending && !add_name(v, nb, e, role, p_)) return false;
      } else if (tokens == 0 && chars >= 4 && word_at(e - 6, "供稿")) {
        const char32_t close = cp(spaces(e));
        if (close != ')' && close != U'）') return false;
        contributor = true;
        if (!add_name(v, k, e - 6, byline_role::contributor, p_)) return false;
      } else if (v.count > 0 && !pending && (word_at(k, "报道") && e == k + 6)) {
        // （记者 李冉 报道）: the closing 报道 is no name.
        const char32_t close = cp(spaces(e));
        if (close != ')' && close != U'）') return false;
      } else if (is_name(chars, dotted) && !contributor) {
        if (!add_name(v, k, e, role, p_)) return false;
        pending = false;
      } else {
        return false;
      }
      k = separators(e);
    }
    return false;
  }

  /// ROLE NAME [NAME] ... up to the end of the clause: after 文/ or on its own.
  bool loose_credits(std::size_t k, byline_role role, byline_value& v, std::size_t& end) const noexcept {
    bool pending = false;
    for (int tokens = 0; tokens < 8; ++tokens) {
      int chars;
      bool dotted;
      const std::size_t e = han_token(k, chars, dotted);
      if (e == k) return false;
      std::size_t nb;
      if (const lex_entry* r = role_in_token(k, e, false, nb)) {
        role = static_cast<byline_role>(r->a);
        pending = nb == e;
        if (pending && !is_inline_space(cp(e))) return false;  // 记者了解到
        if (!pending && !add_name(v, nb, e, role, p_)) return false;
      } else if (is_name(chars, dotted)) {
        if (!add_name(v, k, e, role, p_)) return false;
        pending = false;
      } else {
        return false;
      }
      if (!pending && boundary_after(e) && !is_inline_space(cp(e))) {
        end = e;
        return v.count > 0;
      }
      const std::size_t s = spaces(e);
      if (s == e) return false;
      if (!pending && (line_end_at(s) || !is_han(cp(s)))) {
        end = e;
        return v.count > 0;
      }
      k = s;
    }
    return false;
  }

  void byline(std::size_t i, char32_t c, found& best) const noexcept {
    byline_value v;
    std::size_t e;
    bool has_role, contributor;
    if (c == U'本' && word_at(i, "本报讯")) {
      if (bracket_credits(spaces(i + 9), v, e, has_role, contributor) && !contributor)
        offer(best, i, e, entity_kind::byline, v);
      return;
    }
    if (c == '(' || c == U'（') {
      if (!bracket_credits(i, v, e, has_role, contributor)) return;
      // Names alone, or an organisation's 供稿, only close a paragraph: "。(田燕节)".
      if ((!has_role || contributor) && !(sentence_end_before(i) && line_end_at(e))) return;
      offer(best, i, e, entity_kind::byline, v);
      return;
    }
    if (!is_han(c) || !boundary_before(i)) return;
    // 文/NAME, 图/NAME, 摄影/NAME, 文/记者 NAME
    if (const lex_entry* r = word(i, lex_tag::role)) {
      const std::size_t k = spaces(i + r->word.size());
      const char32_t s = fold_width(cp(k));
      if (s == '/' && (r->b == 1 || r->a == 5)) {
        if (loose_credits(spaces(after(k)), static_cast<byline_role>(r->a), v, e))
          offer(best, i, e, entity_kind::byline, v);
        return;
      }
      if (r->b == 0 && is_inline_space(cp(i + r->word.size()))) {
        // 记者 李冉 on its own
        if (loose_credits(i, byline_role::author, v, e)) offer(best, i, e, entity_kind::byline, v);
        return;
      }
    }
    // NAME/摄
    int chars;
    bool dotted;
    const std::size_t t = han_token(i, chars, dotted);
    if (!is_name(chars, dotted)) return;
    const std::size_t k = spaces(t);
    if (fold_width(cp(k)) != '/') return;
    const std::size_t m = spaces(after(k));
    std::size_t me = 0;
    if (word_at(m, "摄影")) me = m + 6;
    else if (word_at(m, "摄")) me = m + 3;
    if (me == 0 || !boundary_after(me)) return;
    add_name(v, i, t, byline_role::photographer, p_);
    offer(best, i, me, entity_kind::byline, v);
  }
};

}  // namespace zhtext::detail
