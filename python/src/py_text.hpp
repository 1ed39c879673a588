// python/src/py_text.hpp - Python text <-> the UTF-8 that zhtext reads, for the bindings.
//
// utf8_text: a Python str (or bytes) as UTF-8 bytes. For a str these are the UTF-8 that
// CPython caches inside the str object (no copy after the first call). A str may hold
// lone surrogates, which UTF-8 cannot encode: then bytes() holds U+FFFD in each one's
// place - 3 bytes, like the surrogate's "surrogatepass" encoding, so byte and character
// offsets stay those of the str - and str_at() decodes the original surrogate back, so
// a token holding one gives back the str's own characters (jieba sees a surrogate as a
// character that is neither Han, Latin nor space: exactly how zhtext reads U+FFFD).
//
// char_cursor: byte offsets of well-formed UTF-8 to character (code point) offsets, for
// offsets that move mostly forward (tokens in order) and a little back (search mode's
// sub-words): O(distance moved) a call.
//
// str_cache: the str objects of tokens seen before, so that returning a token is an
// INCREF instead of decoding UTF-8 into a new str (which needs the GIL and costs more
// than cutting the token did).
//
// Thread safety: build and read utf8_text and char_cursor with the GIL held; bytes()
// may be read without it while the utf8_text lives (it keeps a reference to the
// Python object). str_cache: see the class.
#pragma once

#include <Python.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zhtext_py {

namespace py = pybind11;

class utf8_text {
 public:
  /// `obj` must be a str or a bytes-like object; other types raise TypeError naming
  /// `what`.
  explicit utf8_text(py::handle obj, const char* what = "text") : obj_(py::reinterpret_borrow<py::object>(obj)) {
    PyObject* o = obj.ptr();
    if (PyUnicode_Check(o)) {
      Py_ssize_t n = 0;
      if (const char* p = PyUnicode_AsUTF8AndSize(o, &n)) {
        bytes_ = std::string_view(p, static_cast<std::size_t>(n));
        return;
      }
      if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) throw py::error_already_set();
      PyErr_Clear();
      const py::object enc = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(o, "utf-8", "surrogatepass"));
      if (!enc) throw py::error_already_set();
      original_.assign(PyBytes_AS_STRING(enc.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(enc.ptr())));
      repaired_ = original_;
      for (std::size_t i = 0; i + 2 < repaired_.size(); ++i) {
        if (static_cast<unsigned char>(repaired_[i]) == 0xED && static_cast<unsigned char>(repaired_[i + 1]) >= 0xA0) {
          repaired_.replace(i, 3, "\xEF\xBF\xBD");
          i += 2;
        }
      }
      surrogates_ = true;
      bytes_ = repaired_;
      return;
    }
    if (PyBytes_Check(o)) {
      bytes_ = std::string_view(PyBytes_AS_STRING(o), static_cast<std::size_t>(PyBytes_GET_SIZE(o)));
      return;
    }
    if (PyByteArray_Check(o) || PyMemoryView_Check(o)) {  // copied: the buffer could change
      const py::bytes b = py::reinterpret_steal<py::bytes>(PyBytes_FromObject(o));
      if (!b) throw py::error_already_set();
      original_ = std::string(b);
      bytes_ = original_;
      return;
    }
    throw py::type_error(std::string(what) + " must be str or bytes, not " + Py_TYPE(o)->tp_name);
  }

  utf8_text(const utf8_text&) = delete;
  utf8_text& operator=(const utf8_text&) = delete;

  /// The UTF-8 bytes (lone surrogates as U+FFFD).
  std::string_view bytes() const noexcept { return bytes_; }
  /// The bytes with lone surrogates encoded as they are ("surrogatepass": ill-formed
  /// UTF-8), for rewriting text that must give them back (decode with surrogatepass).
  std::string_view raw_bytes() const noexcept { return surrogates_ ? std::string_view(original_) : bytes_; }
  /// True if the str held lone surrogates.
  bool had_surrogates() const noexcept { return surrogates_; }

  /// The str of bytes() [offset, offset + size), with the original surrogates.
  py::str str_at(std::size_t offset, std::size_t size) const {
    const char* p = (surrogates_ ? original_.data() : bytes_.data()) + offset;
    return decode(p, size, surrogates_);
  }
  /// The str of `piece`: a view into bytes() (then as str_at) or any other UTF-8.
  py::str str_of(std::string_view piece) const {
    const char* b = bytes_.data();
    if (!piece.empty() && piece.data() >= b && piece.data() + piece.size() <= b + bytes_.size())
      return str_at(static_cast<std::size_t>(piece.data() - b), piece.size());
    return decode(piece.data(), piece.size(), false);
  }

  /// UTF-8 (possibly ill-formed when it came from bytes) to str; ill-formed bytes
  /// become U+FFFD, as zhtext reads them.
  static py::str decode(const char* p, std::size_t size, bool surrogatepass = false) {
    PyObject* s = PyUnicode_DecodeUTF8(p, static_cast<Py_ssize_t>(size), surrogatepass ? "surrogatepass" : "replace");
    if (s == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(s);
  }

 private:
  py::object obj_;  // keeps the bytes alive
  std::string_view bytes_;
  std::string original_, repaired_;
  bool surrogates_ = false;
};

/// Byte offsets -> character offsets in well-formed UTF-8 (see the top of this file).
class char_cursor {
 public:
  explicit char_cursor(std::string_view s) : s_(reinterpret_cast<const unsigned char*>(s.data())) {}
  std::size_t at(std::size_t byte) noexcept {
    for (; byte_ < byte; ++byte_) chars_ += (s_[byte_] & 0xC0) != 0x80;
    while (byte_ > byte) chars_ -= (s_[--byte_] & 0xC0) != 0x80;
    return chars_;
  }

 private:
  const unsigned char* s_;
  std::size_t byte_ = 0, chars_ = 0;
};

/// A cache of str objects by their UTF-8 bytes, shared by the threads that cut with one
/// object (a Segmenter, a PosTagger). Lookups take a shared lock and no GIL, so threads
/// find their tokens in parallel; adding takes the GIL (the caller holds it) and the
/// exclusive lock. Keys view each str's own UTF-8 (CPython keeps it in the object), and
/// the cache holds a reference to each str, so keys live as long as their entries.
/// Entries are never removed while the cache lives (a str found without the GIL must
/// still exist when its finder takes the GIL to INCREF it): past `capacity` entries
/// nothing more is added. Only tokens of at most `max_bytes` bytes are kept (words,
/// not sentences): at most ~10 MB.
class str_cache {
 public:
  static constexpr std::size_t capacity = 1 << 16;
  static constexpr std::size_t max_bytes = 48;

  str_cache() = default;
  str_cache(const str_cache&) = delete;
  str_cache& operator=(const str_cache&) = delete;
  ~str_cache() {  // destroyed with the GIL held (by the Python object that owns it)
    for (auto& e : map_) Py_DECREF(e.second);
  }

  /// Without the GIL: found[i] = the cached str of key(i) (borrowed), or nullptr.
  template <class Key>
  void find_all(std::size_t n, Key&& key, std::vector<PyObject*>& found) const {
    found.assign(n, nullptr);
    std::shared_lock<std::shared_mutex> lock(mutex_);
    if (map_.empty()) return;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view k = key(i);
      if (k.size() > max_bytes) continue;
      const auto it = map_.find(k);
      if (it != map_.end()) found[i] = it->second;
    }
  }

  /// With the GIL: keeps the strs `added` (new references, given to the cache),
  /// each under its UTF-8; those too long, already kept or past capacity are released.
  void add_all(std::vector<PyObject*>& added) {
    if (added.empty()) return;
    std::unique_lock<std::shared_mutex> lock(mutex_);
    for (PyObject* s : added) {
      Py_ssize_t n = 0;
      const char* p = map_.size() < capacity ? PyUnicode_AsUTF8AndSize(s, &n) : nullptr;
      if (p == nullptr) PyErr_Clear();
      if (p == nullptr || static_cast<std::size_t>(n) > max_bytes ||
          !map_.emplace(std::string_view(p, static_cast<std::size_t>(n)), s).second)
        Py_DECREF(s);
    }
    added.clear();
  }

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string_view, PyObject*> map_;
};

/// Offsets as the caller asked: "chars" (code points, the default) or "bytes" (of the
/// UTF-8 encoding).
inline bool byte_offsets(const std::string& offsets) {
  if (offsets == "chars") return false;
  if (offsets == "bytes") return true;
  throw py::value_error("offsets must be 'chars' or 'bytes', not '" + offsets + "'");
}

}  // namespace zhtext_py
