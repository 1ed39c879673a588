#!/usr/bin/env python3
"""Generates include/zhtext/detail/unicode/tables.hpp from the Unicode Character Database.

    python3 tools/gen_unicode_tables.py [--ucd /usr/share/unicode] [--output PATH]

Reads the UCD as Debian's unicode-data package installs it and writes the property
tables that zhtext's UAX #29 segmentation (unicode.hpp) and display width need:

  auxiliary/GraphemeBreakProperty.txt   Grapheme_Cluster_Break
  auxiliary/WordBreakProperty.txt       Word_Break
  auxiliary/SentenceBreakProperty.txt   Sentence_Break
  emoji/emoji-data.txt                  Extended_Pictographic
  EastAsianWidth.txt                    East_Asian_Width
  Scripts.txt                           Script=Han
  UnicodeData.txt                       General_Category (zero-width marks, letters, numbers)
  DerivedCoreProperties.txt             Default_Ignorable_Code_Point (zero width);
                                        Indic_Conjunct_Break, if present, is rejected:
                                        it arrived in Unicode 15.1, whose grapheme
                                        rule GB9c zhtext does not implement yet.

The same records carry one more bit, set when the General_Category is P* (punctuation),
Z* (separators) or C* (Cc, Cf, Cs, Co and Cn: controls, format, surrogates, private use,
unassigned): the characters near-duplicate shingling (dedup.hpp) removes.

Layout of the output: every code point maps to a small "record" (the combination of
all its properties; about 140 distinct ones exist) through a three-stage trie indexed
by bits 20..9, 8..4 and 3..0 of the code point; identical blocks are shared (these
block sizes gave the smallest file). Per record, four byte arrays hold the properties.
Every array is written by one function (c_array), one row per trie block. Python
standard library only; the output depends only on the input files, so regenerating is
reproducible.
"""

import argparse
import os
import re
import sys

MAX_CP = 0x10FFFF
N_CP = MAX_CP + 1

# Value lists, in the order of the generated enumerators (never reorder: the C++ rules
# in detail/unicode/uax29_*.hpp use the names, and the tables store the indices). The
# C++ enumerator of a value is its snake_case name (cpp_name).
GCB_VALUES = ["Other", "CR", "LF", "Control", "Extend", "ZWJ", "Regional_Indicator", "Prepend",
              "SpacingMark", "L", "V", "T", "LV", "LVT"]
WB_VALUES = ["Other", "CR", "LF", "Newline", "Extend", "ZWJ", "Regional_Indicator", "Format",
             "Katakana", "Hebrew_Letter", "ALetter", "Single_Quote", "Double_Quote", "MidNumLet",
             "MidLetter", "MidNum", "Numeric", "ExtendNumLet", "WSegSpace"]
SB_VALUES = ["Other", "CR", "LF", "Extend", "Sep", "Format", "Sp", "Lower", "Upper", "OLetter",
             "Numeric", "ATerm", "SContinue", "STerm", "Close"]
# East_Asian_Width's values are abbreviations; the enumerators spell them out.
EAW_NAMES = {"N": "neutral", "A": "ambiguous", "H": "halfwidth", "W": "wide", "F": "fullwidth",
             "Na": "narrow"}
EAW_VALUES = list(EAW_NAMES)

# Display width classes (see unicode.hpp, display_width).
WIDTH_ZERO, WIDTH_NARROW, WIDTH_WIDE, WIDTH_AMBIGUOUS = 0, 1, 2, 3

# East_Asian_Width defaults for unlisted code points (UAX #11 and the header of
# EastAsianWidth.txt): these blocks and planes default to W, everything else to N.
EAW_DEFAULTS = [(first, last, "W") for first, last in
                [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFD),
                 (0x30000, 0x3FFFD)]]

# General categories removed before shingling (dedup.hpp): P*, Z*, C* (Cn = unlisted).
REMOVED_CATEGORY_CLASSES = "PZC"

# Trie block sizes (bits of the code point per stage below stage 1).
STAGE2_BITS, STAGE3_BITS = 5, 4

CANONICAL_COMMAND = ("python3 tools/gen_unicode_tables.py --ucd /usr/share/unicode "
                     "--output include/zhtext/detail/unicode/tables.hpp")

LINE_RE = re.compile(r"^([0-9A-Fa-f]{4,6})(?:\.\.([0-9A-Fa-f]{4,6}))?\s*;\s*([^#;]*?)\s*(?:[;#].*)?$")


def cpp_name(value):
    """The C++ enumerator suffix of a UCD value: 'SpacingMark' -> 'spacing_mark', 'ALetter' -> 'aletter'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", value).lower()


class DataError(Exception):
    """A malformed input file; the message names file:line."""


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().split("\n")
    except OSError as e:
        raise DataError(f"{path}: cannot read: {e.strerror}")
    except UnicodeDecodeError as e:
        raise DataError(f"{path}: not UTF-8 ({e})")


def file_version(path, lines):
    """The version in the first line, e.g. '# GraphemeBreakProperty-15.0.0.txt'."""
    m = re.search(r"-(\d+\.\d+\.\d+)\.txt", lines[0]) if lines else None
    return m.group(1) if m else None


def parse_ranges(path, lines):
    """Yields (first, last, value, line number) for each data line of a UCD property file."""
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = LINE_RE.match(line)
        if not m:
            raise DataError(f"{path}:{number}: malformed line: {raw[:80]!r}")
        first = int(m.group(1), 16)
        last = int(m.group(2), 16) if m.group(2) else first
        if first > last or last > MAX_CP:
            raise DataError(f"{path}:{number}: bad code point range {m.group(1)}..{m.group(2)}")
        yield first, last, m.group(3), number


def load_enumerated(ucd, rel, values, default, default_ranges=()):
    """An enumerated property file as a list of value indices per code point; code points
    it does not list take `default`, or the value of their (first, last, value) in
    `default_ranges`."""
    path = os.path.join(ucd, rel)
    lines = read_lines(path)
    index = {v: i for i, v in enumerate(values)}
    table = [index[default]] * N_CP
    for first, last, value in default_ranges:
        table[first:last + 1] = [index[value]] * (last - first + 1)
    for first, last, value, number in parse_ranges(path, lines):
        if value not in index:
            raise DataError(f"{path}:{number}: unknown value {value!r}")
        table[first:last + 1] = [index[value]] * (last - first + 1)
    return table, file_version(path, lines)


def load_binary(ucd, rel, name):
    """The code points with binary property `name` in a multi-property file, as a bytearray."""
    path = os.path.join(ucd, rel)
    lines = read_lines(path)
    table = bytearray(N_CP)
    found = False
    for first, last, value, _ in parse_ranges(path, lines):
        if value == name:
            found = True
            table[first:last + 1] = b"\x01" * (last - first + 1)
    if not found:
        raise DataError(f"{path}: no code point has property {name}")
    return table, lines


def load_general_category(ucd):
    """General_Category per code point from UnicodeData.txt (unlisted: Cn)."""
    path = os.path.join(ucd, "UnicodeData.txt")
    lines = read_lines(path)
    gc = ["Cn"] * N_CP
    range_start = None
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        fields = raw.split(";")
        if len(fields) != 15 or not re.fullmatch(r"[0-9A-F]{4,6}", fields[0]) or len(fields[2]) != 2:
            raise DataError(f"{path}:{number}: malformed line: {raw[:80]!r}")
        cp = int(fields[0], 16)
        if cp > MAX_CP:
            raise DataError(f"{path}:{number}: code point above U+10FFFF")
        if fields[1].endswith(", First>"):
            range_start = (cp, fields[2])
            continue
        if fields[1].endswith(", Last>"):
            if range_start is None or range_start[1] != fields[2]:
                raise DataError(f"{path}:{number}: range end without a matching start")
            gc[range_start[0]:cp + 1] = [fields[2]] * (cp + 1 - range_start[0])
            range_start = None
            continue
        gc[cp] = fields[2]
    return gc


def build(ucd):
    gcb, version = load_enumerated(ucd, "auxiliary/GraphemeBreakProperty.txt", GCB_VALUES, "Other")
    wb, wb_version = load_enumerated(ucd, "auxiliary/WordBreakProperty.txt", WB_VALUES, "Other")
    sb, sb_version = load_enumerated(ucd, "auxiliary/SentenceBreakProperty.txt", SB_VALUES, "Other")
    if version is None or version != wb_version or version != sb_version:
        raise DataError(f"{ucd}: break property files disagree on the Unicode version "
                        f"({version}, {wb_version}, {sb_version})")
    ext_pict, _ = load_binary(ucd, "emoji/emoji-data.txt", "Extended_Pictographic")
    ignorable, derived_lines = load_binary(ucd, "DerivedCoreProperties.txt", "Default_Ignorable_Code_Point")
    if any(line.startswith(("# Indic_Conjunct_Break", "# Derived Property: Indic_Conjunct_Break"))
           or "; InCB;" in line for line in derived_lines):
        raise DataError(f"{ucd}/DerivedCoreProperties.txt: has Indic_Conjunct_Break (Unicode 15.1+); "
                        "the grapheme rules here implement Unicode 15.0 (no GB9c)")

    eaw, _ = load_enumerated(ucd, "EastAsianWidth.txt", EAW_VALUES, "N", EAW_DEFAULTS)
    han, _ = load_binary(ucd, "Scripts.txt", "Han")

    gc = load_general_category(ucd)

    # Grapheme class: GCB with Extended_Pictographic folded in as one more value. All
    # Extended_Pictographic code points have GCB=Other in the UCD; check it.
    gcb_ext_pict = len(GCB_VALUES)
    gcb_v, gcb_t, gcb_l = GCB_VALUES.index("V"), GCB_VALUES.index("T"), GCB_VALUES.index("L")
    records = {}
    cp_record = [0] * N_CP
    record_list = []
    for cp in range(N_CP):
        g = gcb[cp]
        if ext_pict[cp]:
            if g != 0:
                raise DataError(f"U+{cp:04X} is Extended_Pictographic with Grapheme_Cluster_Break="
                                f"{GCB_VALUES[g]}; the tables assume Other")
            g = gcb_ext_pict
        cat = gc[cp]
        if cp == 0xAD:
            width = WIDTH_NARROW  # SOFT HYPHEN: terminals show a hyphen (as wcwidth does)
        elif (cat in ("Mn", "Me", "Cf", "Cc", "Zl", "Zp") or (ignorable[cp] and g != gcb_l)
              or g in (gcb_v, gcb_t)):
            width = WIDTH_ZERO
        elif EAW_VALUES[eaw[cp]] in ("W", "F"):
            width = WIDTH_WIDE
        elif EAW_VALUES[eaw[cp]] == "A":
            width = WIDTH_AMBIGUOUS
        else:
            width = WIDTH_NARROW
        word_like = cat[0] in "LN"
        removed = cat[0] in REMOVED_CATEGORY_CLASSES
        flags = eaw[cp] | (width << 3) | (han[cp] << 5) | (int(word_like) << 6) | (int(removed) << 7)
        key = (g, wb[cp] | (ext_pict[cp] << 5), sb[cp], flags)
        r = records.get(key)
        if r is None:
            r = records[key] = len(record_list)
            record_list.append(key)
        cp_record[cp] = r
    if len(record_list) > 256:
        raise DataError(f"{len(record_list)} distinct property records; the tables hold at most 256")

    # "Plain" blocks of 64 BMP code points (U+0800 and up, not surrogates): every code
    # point has Grapheme_Cluster_Break=Other, Word_Break=Other, Sentence_Break Other
    # or OLetter and is not Extended_Pictographic. Between two plain code points (or a
    # plain one and ASCII) every rule set breaks for graphemes and words, and sentence
    # rules see nothing to act on, which the scanners use as a fast path (CJK).
    sb_plain = (SB_VALUES.index("Other"), SB_VALUES.index("OLetter"))
    plain = bytearray(0x10000 // 64 // 8)
    for block in range(0x800 // 64, 0x10000 // 64):
        first = block * 64
        if 0xD800 <= first < 0xE000:
            continue
        if all(gcb[c] == 0 and wb[c] == 0 and sb[c] in sb_plain and not ext_pict[c]
               for c in range(first, first + 64)):
            plain[block >> 3] |= 1 << (block & 7)

    # Sentence separators and terminators in the BMP (Sentence_Break Sep, CR, LF,
    # ATerm, STerm: "loud"), as one 64-bit mask per block of 64 code points, with the
    # distinct masks stored once (mask 0 first): inside a sentence the scanner skips
    # every other code point without decoding it.
    sb_loud = tuple(SB_VALUES.index(v) for v in ("Sep", "CR", "LF", "ATerm", "STerm"))
    masks = [0]
    loud_index = []
    for block in range(0x10000 // 64):
        mask = 0
        for k in range(64):
            if sb[block * 64 + k] in sb_loud:
                mask |= 1 << k
        if mask not in masks:
            masks.append(mask)
        loud_index.append(masks.index(mask))
    if len(masks) > 256:
        raise DataError("too many distinct sentence masks for a uint8 index")
    quiet = (loud_index, masks)
    # The shingler's fast path reads U+4E00..U+9FFF (CJK Unified Ideographs) as kept
    # without a lookup; the C++ side checks this with a static_assert as well.
    if any(gc[c][0] in REMOVED_CATEGORY_CLASSES for c in range(0x4E00, 0xA000)):
        raise DataError("a code point in U+4E00..U+9FFF is P*, Z* or C*: revisit the shingler's fast path")
    return version, cp_record, record_list, plain, quiet


def dedupe_blocks(values, block_size):
    """Splits `values` into blocks, shares identical ones; returns (index per block, blocks)."""
    ids, blocks, index = {}, [], []
    for start in range(0, len(values), block_size):
        block = tuple(values[start:start + block_size])
        i = ids.get(block)
        if i is None:
            i = ids[block] = len(blocks)
            blocks.append(block)
        index.append(i)
    return index, blocks


def c_array(ctype, name, values, comment, per_row=None):
    """A constant C++ array, `per_row` values a row (one row per trie block; all in one row
    by default)."""
    per_row = per_row or len(values)
    out = [f"// {comment}", f"inline constexpr {ctype} {name}[{len(values)}] = {{"]
    for start in range(0, len(values), per_row):
        out.append("".join(f"{v}," for v in values[start:start + per_row]))
    out.append("};")
    return "\n".join(out)


def render(version, cp_record, record_list, plain, quiet):
    # Stage 3: blocks of 16 code points' record ids. Stage 2: blocks of 32 stage-3
    # block ids (512 code points). Stage 1: one stage-2 block id per 512 code points.
    s3_index, s3_blocks = dedupe_blocks(cp_record, 1 << STAGE3_BITS)
    s2_index, s2_blocks = dedupe_blocks(s3_index, 1 << STAGE2_BITS)
    stage1 = s2_index
    stage2 = [v for b in s2_blocks for v in b]
    stage3 = [v for b in s3_blocks for v in b]
    s1_type = "std::uint8_t" if len(s2_blocks) <= 256 else "std::uint16_t"
    s2_type = "std::uint8_t" if len(s3_blocks) <= 256 else "std::uint16_t"

    def enum(name, names, extra=()):
        lines, line = [f"enum {name}_value : std::uint8_t {{"], "  "
        for n in list(names) + list(extra):
            item = f"{name}_{n}, "
            if len(line) + len(item) > 100:
                lines.append(line.rstrip())
                line = "  "
            line += item
        lines.append(line.rstrip())
        lines.append("};")
        return "\n".join(lines)

    parts = [
        "// zhtext/detail/unicode/tables.hpp - GENERATED, do not edit.",
        f"// Unicode {version} (Unicode Character Database as installed by Debian's unicode-data).",
        f"// Command: {CANONICAL_COMMAND}",
        "//",
        "// Per code point property records reached through a three-stage trie:",
        f"//   record = stage3[(stage2[(stage1[c >> {STAGE2_BITS + STAGE3_BITS}] << {STAGE2_BITS}) | "
        f"((c >> {STAGE3_BITS}) & {(1 << STAGE2_BITS) - 1})] << {STAGE3_BITS}) | (c & {(1 << STAGE3_BITS) - 1})]",
        "// and per record: grapheme class (Grapheme_Cluster_Break, with Extended_Pictographic",
        "// as one more value), word class (Word_Break; bit 5 = Extended_Pictographic),",
        "// Sentence_Break, and flags (bits 0-2 East_Asian_Width, 3-4 display width class",
        "// 0 zero / 1 narrow / 2 wide / 3 ambiguous, 5 Script=Han, 6 General_Category L* or N*,",
        "// 7 General_Category P*, Z* or C*: removed before near-duplicate shingling).",
        "// One row per trie block (stage 1: one row per plane).",
        "// Immutable constant data: safe to share across threads.",
        "#pragma once",
        "",
        "#include <cstdint>",
        "",
        "namespace zhtext::detail::ucd {",
        "",
        f'inline constexpr const char* unicode_version = "{version}";',
        "",
        enum("gcb", [cpp_name(v) for v in GCB_VALUES], ["extended_pictographic"]),
        enum("wb", [cpp_name(v) for v in WB_VALUES]),
        enum("sb", [cpp_name(v) for v in SB_VALUES]),
        enum("eaw", EAW_NAMES.values()),
        "inline constexpr std::uint8_t wb_ext_pict_bit = 0x20;",
        f"inline constexpr unsigned stage2_bits = {STAGE2_BITS}, stage3_bits = {STAGE3_BITS};",
        "inline constexpr std::uint8_t flag_eaw_mask = 0x07, flag_width_shift = 3, flag_han = 0x20, "
        "flag_word_like = 0x40, flag_pzc = 0x80;",
        "",
        c_array("std::uint8_t", "record_gcb", [r[0] for r in record_list], "Grapheme class per record."),
        c_array("std::uint8_t", "record_wb", [r[1] for r in record_list], "Word class per record."),
        c_array("std::uint8_t", "record_sb", [r[2] for r in record_list], "Sentence_Break per record."),
        c_array("std::uint8_t", "record_flags", [r[3] for r in record_list], "Flags per record."),
        c_array(s1_type, "stage1", stage1, f"Stage 1: code point >> {STAGE2_BITS + STAGE3_BITS} -> stage-2 block.",
                0x10000 >> (STAGE2_BITS + STAGE3_BITS)),
        c_array(s2_type, "stage2", stage2, f"Stage 2: {1 << STAGE2_BITS} entries per block -> stage-3 block.",
                1 << STAGE2_BITS),
        c_array("std::uint8_t", "stage3", stage3, f"Stage 3: {1 << STAGE3_BITS} entries per block -> record.",
                1 << STAGE3_BITS),
        c_array("std::uint8_t", "plain_bmp_blocks", list(plain),
                "Bit (cp >> 6) set: all 64 code points are GCB=Other, WB=Other, SB=Other or OLetter,\n"
                "// not Extended_Pictographic (blocks from U+0800, no surrogates; the scanners' fast path)."),
        c_array("std::uint8_t", "sentence_loud_index", quiet[0],
                "BMP block (cp >> 6) -> its mask in sentence_loud_masks (0: none is loud).", 64),
        c_array("std::uint64_t", "sentence_loud_masks", [f"0x{m:X}u" for m in quiet[1]],
                "Bit (cp & 63) set: SB Sep, CR, LF, ATerm or STerm (the sentence scanner's fast path)."),
        "",
        "}  // namespace zhtext::detail::ucd",
        "",
    ]
    return "\n".join(parts)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ucd", default="/usr/share/unicode", help="UCD directory (default: %(default)s)")
    parser.add_argument("--output", default=None,
                        help="output file (default: include/zhtext/detail/unicode/tables.hpp in this checkout)")
    args = parser.parse_args(argv)
    output = args.output or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "include",
                                         "zhtext", "detail", "unicode", "tables.hpp")
    try:
        tables = build(args.ucd)
        text = render(*tables)
    except DataError as e:
        print(f"gen_unicode_tables.py: {e}", file=sys.stderr)
        return 1
    try:
        with open(output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except OSError as e:
        print(f"gen_unicode_tables.py: {output}: {e.strerror}", file=sys.stderr)
        return 1
    print(f"gen_unicode_tables.py: wrote {output} ({len(text.encode())} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
