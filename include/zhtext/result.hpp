// zhtext/result.hpp - errors without exceptions: an expected-style result type.
//
// Loading and parsing functions return `result<T>`: either a value or an `error`
// (an `errc` code plus a human-readable message that names the file and line when
// there is one). Nothing in zhtext calls abort() on bad input. Every header compiles
// with -fno-exceptions (tests/no_exceptions_test.sh). What throws with exceptions on is
// a program's own mistake: value() on an error, text filters on an integer-keyed
// frequency_table (std::invalid_argument), a hash table past 2^32 - 2 keys
// (std::length_error); and running out of memory (std::bad_alloc). Built without
// exceptions, these print a message and abort (detail::throw_or_abort, result::value).
//
//   auto dict = zhtext::dictionary::load("user.dict");
//   if (!dict) { std::cerr << dict.error().message << '\n'; return 1; }
//   use(*dict);
#pragma once

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

// Defined when the code is compiled with exceptions (GCC, Clang: not -fno-exceptions;
// MSVC: /EHsc).
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define ZHTEXT_EXCEPTIONS 1
#endif

namespace zhtext {

namespace detail {

/// Throws `e`; built without exceptions (-fno-exceptions), prints "zhtext: " and
/// e.what() to stderr and aborts. For a program's own mistakes only (bad input is
/// reported through result<T>): a frequency_table given text filters on integer keys,
/// a hash table past 2^32 - 2 distinct keys.
template <class E>
[[noreturn]] void throw_or_abort(const E& e) {
#ifdef ZHTEXT_EXCEPTIONS
  throw e;
#else
  std::fprintf(stderr, "zhtext: %s\n", e.what());
  std::abort();
#endif
}

}  // namespace detail

/// What went wrong, coarsely; `error::message` has the details.
enum class errc {
  invalid_utf8 = 1,   ///< input that must be UTF-8 is not
  io_error,           ///< a file could not be opened, read or written
  parse_error,        ///< a text file (dictionary, model, pattern list) is malformed
  corrupt_data,       ///< a binary image fails its checks (magic, version, checksum, size)
  not_found,          ///< a required file or entry does not exist
  invalid_argument,   ///< an argument is outside what the function accepts
  limit_exceeded,     ///< a configured size or memory budget was exceeded
};

/// Short, stable name of an error code ("parse_error", ...).
constexpr const char* to_string(errc code) noexcept {
  switch (code) {
    case errc::invalid_utf8: return "invalid_utf8";
    case errc::io_error: return "io_error";
    case errc::parse_error: return "parse_error";
    case errc::corrupt_data: return "corrupt_data";
    case errc::not_found: return "not_found";
    case errc::invalid_argument: return "invalid_argument";
    case errc::limit_exceeded: return "limit_exceeded";
  }
  return "unknown";
}

/// An error: a code for programs and a message for people.
struct error {
  errc code = errc::invalid_argument;
  std::string message;
};

/// Thrown only by `result::value()` on a result that holds an error (use
/// `ok()`/`operator*` to stay exception-free). Carries the error: what() is its
/// message ("user.dict:3: ..."), code() its code.
struct bad_result_access : std::runtime_error {
  explicit bad_result_access(const zhtext::error& e) : std::runtime_error(e.message), code_(e.code) {}
  errc code() const noexcept { return code_; }

 private:
  errc code_;
};

/// Either a `T` or an `error`. Cheap to move; `T` must not be `error`.
template <class T>
class [[nodiscard]] result {
  static_assert(!std::is_same_v<std::decay_t<T>, zhtext::error>, "result<error> is not meaningful");

 public:
  using value_type = T;

  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  result(zhtext::error err) : v_(std::in_place_index<1>, std::move(err)) {}  // NOLINT(google-explicit-constructor)
  /// A `T` made in place from `args` (no `T` is moved).
  template <class... Args>
  explicit result(std::in_place_t, Args&&... args) : v_(std::in_place_index<0>, std::forward<Args>(args)...) {}

  /// Makes this result hold `err` (the value, if any, is destroyed; no `T` is moved).
  result& operator=(zhtext::error err) {
    v_.template emplace<1>(std::move(err));
    return *this;
  }

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// The value; precondition ok() (unchecked, like std::optional::operator*).
  T& operator*() & noexcept { return *std::get_if<0>(&v_); }
  const T& operator*() const& noexcept { return *std::get_if<0>(&v_); }
  T&& operator*() && noexcept { return std::move(*std::get_if<0>(&v_)); }
  T* operator->() noexcept { return std::get_if<0>(&v_); }
  const T* operator->() const noexcept { return std::get_if<0>(&v_); }

  /// The value. On an error: throws bad_result_access carrying the error; built
  /// without exceptions (-fno-exceptions), prints "zhtext: result::value() on an
  /// error: CODE: MESSAGE" to stderr and aborts.
  T& value() & { check(); return **this; }
  const T& value() const& { check(); return **this; }
  T&& value() && { check(); return std::move(**this); }

  /// The error; precondition !ok().
  const zhtext::error& error() const& noexcept { return *std::get_if<1>(&v_); }
  zhtext::error& error() & noexcept { return *std::get_if<1>(&v_); }

 private:
  void check() const {
    if (ok()) return;
#ifdef ZHTEXT_EXCEPTIONS
    throw bad_result_access(error());
#else
    std::fprintf(stderr, "zhtext: result::value() on an error: %s: %s\n", to_string(error().code),
                 error().message.c_str());
    std::abort();
#endif
  }
  std::variant<T, zhtext::error> v_;
};

/// A result with no value: success or an error.
template <>
class [[nodiscard]] result<void> {
 public:
  result() = default;
  result(zhtext::error err) : err_(std::move(err)), ok_(false) {}  // NOLINT(google-explicit-constructor)
  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const zhtext::error& error() const& noexcept { return err_; }

 private:
  zhtext::error err_;
  bool ok_ = true;
};

/// Shorthand for building an error.
inline error make_error(errc code, std::string message) { return error{code, std::move(message)}; }

}  // namespace zhtext
