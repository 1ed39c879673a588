// zhtext/detail/platform/linkage.hpp - header-only (the default) or compiled: where the
// cold functions (loading, parsing, compiling and caching the models) are defined; and
// the forced inlining of the few hot functions the compiler would leave out of line.
//
// Header-only (nothing defined): every function is inline in the headers, as always.
//
// ZHTEXT_SEPARATE_COMPILATION defined (CMake's zhtext::compiled sets it, pkg-config's
// zhtext-compiled.pc too): the headers only DECLARE the entry points marked
// ZHTEXT_DECL: the cold ones (dictionary/hmm_model/pos_model/idf_table parse, load,
// load_default; segmenter::load, pos_tagger::load, keyword_extractor::load,
// keyword_stop_words's jieba/add_text/add_file, mapped_file::open, the POS path of
// TF-IDF, keyword_extractor::tagged_candidates, the segmenter's editing:
// segment_editor's suggest_freq and add_user_dictionary) and the non-template calls
// made once per text (keyword_extractor's tfidf and textrank, segmenter's and its
// session's token_vector and word_strings, pos_tagger's and its session's
// tagged_token_vector and tagged_strings, the lazy token range's unit cut,
// token_fill); src/zhtext.cpp, compiled once into libzhtext_compiled.a, defines them.
// A program then compiles none of the loaders' code (the POS literal parser, the
// dictionary compiler, the image cache, ...) and no cutter or ranking it does not
// call itself: only the templates it instantiates with its own callbacks
// (for_each_token, for_each_tfidf, ...), which stay inline either way. The
// macro must be the same in every translation unit of a program (a PUBLIC compile
// definition of zhtext::compiled sees to that); mixing the modes breaks the one
// definition rule.
//
// Each cold function is written once, after its class:
//
//   #if ZHTEXT_DEFINITIONS
//   ZHTEXT_DECL result<dictionary> dictionary::load(const std::string& path, ...) { ... }
//   #endif
//
// ZHTEXT_DECL is `inline` header-only and nothing in compiled mode (as asio's
// ASIO_DECL, fmt's FMT_FUNC); ZHTEXT_DEFINITIONS is 1 where the definitions are
// compiled: always header-only, only in src/zhtext.cpp (ZHTEXT_COMPILED_SOURCE)
// in compiled mode.
#pragma once

#if defined(ZHTEXT_SEPARATE_COMPILATION)
#define ZHTEXT_DECL
#if defined(ZHTEXT_COMPILED_SOURCE)
#define ZHTEXT_DEFINITIONS 1
#else
#define ZHTEXT_DEFINITIONS 0
#endif
#else
#define ZHTEXT_DECL inline
#define ZHTEXT_DEFINITIONS 1
#endif

// ZHTEXT_ALWAYS_INLINE (a function) and ZHTEXT_LAMBDA_INLINE (a lambda, after its
// parameter list): inlined even where GCC would not, for the inner steps of the
// matcher's and the converter's walks (a call per character position costs a third of
// their time). Plain `inline` / nothing on other compilers. ZHTEXT_NOINLINE (a member
// function, before its return type): kept out of line, for a cold path whose code
// would otherwise change how GCC compiles the hot loop it sits in.
#if defined(__GNUC__) || defined(__clang__)
#define ZHTEXT_ALWAYS_INLINE inline __attribute__((always_inline))
#define ZHTEXT_LAMBDA_INLINE __attribute__((always_inline))
#define ZHTEXT_NOINLINE __attribute__((noinline))
#else
#define ZHTEXT_ALWAYS_INLINE inline
#define ZHTEXT_LAMBDA_INLINE
#define ZHTEXT_NOINLINE
#endif
