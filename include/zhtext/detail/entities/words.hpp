// zhtext/detail/entities/words.hpp - relative times, named days and bylines.
//
// relative(i) and named_day(i) look words up in the lexicon (with a few context rules:
// 日前 not inside 节日前, 十一/五一 only beside another festival or before 长假/期间,
// weekdays not before a count as in 每周一次). byline(i) reads 本报讯（CREDITS）,
// (CREDITS) with the credit grammar above bracket_credits (roles, agencies, endings
// 摄/报道/发/..., names run together), names alone or ORG供稿 in brackets closing a
// paragraph, ROLE NAME on its own, 文/NAME and NAME/摄. Names are 2-4 Han characters
// (or up to 12 with a middle dot); at most byline_value::capacity of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "dates.hpp"
#include "surnames.hpp"

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

  // The credit grammar of a bracket, token by token (tokens are Han runs between
  // spaces and 、，,):
  //   AGENCY [发|电|供稿|供图]          （新华社发）            agency:新华社
  //   ROLE                             记者 / 本报记者 / 通讯员 / 摄影记者 / 编辑 ...
  //   [ROLE]NAMES[ENDING]              本报记者张伟刘洋摄      photographer:张伟,刘洋
  //   ENDING after names               （记者 李冉 报道）      reporter:李冉
  // ENDING is 摄/摄影 (photo by: the names since the last role word become
  // photographers), 撰稿/撰文 (writers), 报道/供稿/供图/发/电 (role unchanged).
  // NAMES after a role word (or before 摄) may run together; see add_names. A name with
  // no role and no ending must start with a surname and not be a note (全文另发, 图片).

  /// A credit ending covering exactly [k, e): 0 none, 1 keeps the role, else the role
  /// it gives plus 2.
  int ending_word(std::size_t k, std::size_t e) const noexcept {
    struct item {
      std::string_view word;
      int value;
    };
    static constexpr item endings[] = {
        {"摄", 2 + static_cast<int>(byline_role::photographer)}, {"摄影", 2 + static_cast<int>(byline_role::photographer)},
        {"撰稿", 2 + static_cast<int>(byline_role::writer)},     {"撰文", 2 + static_cast<int>(byline_role::writer)},
        {"报道", 1}, {"供稿", 1}, {"供图", 1}, {"发", 1}, {"电", 1}};
    for (const item& x : endings)
      if (e - k == x.word.size() && word_at(k, x.word)) return x.value;
    return 0;
  }
  /// An ending glued to names ("林海摄", "陈明报道"): its start, leaving at least two
  /// characters before it, or e; `value` as ending_word's.
  std::size_t glued_ending(std::size_t k, std::size_t e, int& value) const noexcept {
    for (const std::string_view w : {std::string_view("摄影"), std::string_view("报道"), std::string_view("撰稿"),
                                     std::string_view("摄")}) {
      if (e - k < w.size() + 6 || !word_at(e - w.size(), w)) continue;
      const std::size_t b = e - w.size();
      if (after(after(k)) > b) continue;  // fewer than two characters before it
      value = ending_word(b, e);
      return b;
    }
    value = 0;
    return e;
  }
  /// Gives the names [from, v.count) the role of an ending (see ending_word).
  static void apply_ending(byline_value& v, std::uint8_t from, int value) noexcept {
    if (value < 2) return;
    for (std::uint8_t x = from; x < v.count; ++x) v.roles[x] = static_cast<byline_role>(value - 2);
  }

  /// Adds the names in the Han run [b, e) with `role`. Without `split` it is one name of
  /// 2-4 characters (or a dotted one). With `split` (a role word or 摄 says names follow)
  /// names may run together, and the run is cut into names of 2-3 characters after a
  /// single surname or 3-4 after a compound one (surnames.hpp):
  ///  - 2 or 3 characters: one name (as written);
  ///  - 4: two names when both halves start with a surname and the run does not start
  ///    with a compound surname (张伟刘洋), else one name (欧阳娜娜);
  ///  - 5 to 12: the cut when exactly one exists (张伟刘小洋 → 张伟 刘小洋); none or
  ///    several (王小金李华: 王小|金李华 or 王小金|李华) and nothing is guessed: false.
  bool add_names(std::size_t b, std::size_t e, byline_role role, bool split, bool dotted,
                 byline_value& v) const noexcept {
    std::size_t at[13];
    char32_t ch[12];
    int L = 0;
    for (std::size_t q = b; q < e; q = after(q)) {
      if (L == 12) return false;
      at[L] = q;
      ch[L++] = cp(q);
    }
    at[L] = e;
    if (dotted || !split || L <= 3) return is_name(L, dotted) && add_name(v, b, e, role, p_);
    auto lengths = [&](int x, int out[4]) {
      int n = 0;
      if (is_single_surname(ch[x])) out[n++] = 2, out[n++] = 3;
      if (x + 1 < L && is_compound_surname(ch[x], ch[x + 1])) {
        if (n == 0) out[n++] = 3;
        out[n++] = 4;
      }
      return n;
    };
    if (L == 4) {
      const bool two = is_single_surname(ch[0]) && is_single_surname(ch[2]) && !is_compound_surname(ch[0], ch[1]);
      if (!two) return add_name(v, b, e, role, p_);
      return add_name(v, b, at[2], role, p_) && add_name(v, at[2], e, role, p_);
    }
    // Every cut of ch[0, L) into names, stopping at the second: depth-first, the
    // current cut in `cut`, the first complete one kept in `found`.
    int cut[7], found[7], depth = 0, cuts = 0, found_n = 0;
    struct frame {
      int pos, options[4], n, next;
    } stack[7];
    stack[0].pos = 0;
    stack[0].n = lengths(0, stack[0].options);
    stack[0].next = 0;
    while (depth >= 0 && cuts < 2) {
      frame& f = stack[depth];
      if (f.next == f.n) {
        --depth;
        continue;
      }
      const int end = f.pos + f.options[f.next++];
      if (end > L) continue;
      cut[depth] = end;
      if (end == L) {
        if (cuts++ == 0) {
          found_n = depth + 1;
          std::copy(cut, cut + found_n, found);
        }
        continue;
      }
      if (depth + 1 == 7 || L - end < 2) continue;
      frame& g = stack[++depth];
      g.pos = end;
      g.n = lengths(end, g.options);
      g.next = 0;
    }
    if (cuts != 1) return false;
    for (int x = 0, from = 0; x < found_n; from = found[x++])
      if (!add_name(v, at[from], at[found[x]], role, p_)) return false;
    return true;
  }
  /// A name in brackets with no role: starts with a surname (or is dotted), no note.
  bool author_name(std::size_t b, std::size_t e, int chars, bool dotted) const noexcept {
    if (!is_name(chars, dotted)) return false;
    const lex_entry* w = word(b, lex_tag::non_credit);
    if (w != nullptr && b + w->word.size() == e) return false;
    const char32_t c = cp(b);
    return dotted || is_single_surname(c) || is_compound_surname(c, cp(after(b)));
  }

  /// ( CREDITS ) at j (the grammar above), or (NAMES), or (ORG供稿).
  bool bracket_credits(std::size_t j, byline_value& v, std::size_t& end, bool& has_role, bool& contributor) const noexcept {
    const char32_t open = cp(j);
    if (open != '(' && open != U'（') return false;
    std::size_t k = spaces(after(j));
    byline_role role = byline_role::author;
    bool pending = false;    // a role word waits for its names
    std::uint8_t group = 0;  // the names of the last role word start here
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
      std::size_t q = k;
      if (v.count > group && !pending) {
        if (const int f = ending_word(k, e)) {  // （记者 李冉 摄）
          apply_ending(v, group, f);
          has_role = true;
          group = v.count;
          k = separators(e);
          continue;
        }
      }
      if (const lex_entry* a = word(q, lex_tag::agency); a != nullptr && q + a->word.size() <= e) {
        // A bare agency name, as bare names, only closes a paragraph: "。（新华社）".
        if (!add_name(v, q, q + a->word.size(), byline_role::agency, p_)) return false;
        role = byline_role::author;
        q += a->word.size();
        if (q < e && ending_word(q, e) != 0) {  // 新华社发, 新华社电
          q = e;
          has_role = true;
        }
        group = v.count;
        pending = false;
        if (q == e) {
          k = separators(e);
          continue;
        }
      }
      const lex_entry* r = word(q, lex_tag::role);
      if (r != nullptr && r->b == 0 && q + r->word.size() <= e) {
        role = static_cast<byline_role>(r->a);
        has_role = true;
        group = v.count;
        q += r->word.size();
        pending = q == e;
        if (pending) {
          k = separators(e);
          continue;
        }
      } else if (tokens == 0 && chars >= 4 && word_at(e - 6, "供稿")) {
        const char32_t close = cp(spaces(e));
        if (close != ')' && close != U'）') return false;
        contributor = true;
        if (!add_name(v, k, e - 6, byline_role::contributor, p_)) return false;
        k = separators(e);
        continue;
      }
      if (contributor) return false;
      int f = 0;
      const std::size_t ne = dotted ? e : glued_ending(q, e, f);
      if (role == byline_role::author && f == 0) {
        int n = 0;
        for (std::size_t x = q; x < ne; x = after(x)) ++n;
        if (!author_name(q, ne, n, dotted) || !add_name(v, q, ne, role, p_)) return false;
      } else {
        if (!add_names(q, ne, role, true, dotted, v)) return false;
        if (f != 0) {
          apply_ending(v, group, f);
          has_role = true;
          group = v.count;
        }
      }
      pending = false;
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
      } else if (add_names(k, e, role, role != byline_role::author, dotted, v)) {
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
    if (chars < 2) return;
    const std::size_t k = spaces(t);
    if (fold_width(cp(k)) != '/') return;
    const std::size_t m = spaces(after(k));
    std::size_t me = 0;
    if (word_at(m, "摄影")) me = m + 6;
    else if (word_at(m, "摄")) me = m + 3;
    if (me == 0 || !boundary_after(me)) return;
    if (add_names(i, t, byline_role::photographer, true, dotted, v)) offer(best, i, me, entity_kind::byline, v);
  }
};

}  // namespace zhtext::detail
