// zhtext/detail/storage/compiled_image.hpp - the one base of zhtext's compiled,
// checksummed models: dictionary, hmm_model, pos_model, idf_table and matcher (and
// later the converter and the dedup index).
//
// Such a model IS its image: a block of bytes, 64-byte aligned, that the model reads in
// place, whether it was just compiled from source text, mapped from a file or handed
// over in memory. What the models share lives here, once:
//
//   from_image(bytes, name)           copy a compiled image held in memory, check, adopt
//   from_image_in_place(bytes, name)  adopt bytes the caller keeps (zero copy, 8-aligned)
//   load_image(path)                  map a compiled image file (copy if not 8-aligned)
//   save_image(path)                  write the image atomically (temporary + rename)
//   image(), report()                 the bytes, and where they came from
//
// and, for the derived class's own loaders: from_storage (adopt checked bytes),
// from_built (adopt an image just compiled, origin "memory"), load_sources (source
// files through the image cache, image_cache.hpp), load_file / load_folder (one source
// file, or the files Derived::source_files of a folder, compiled by
// Derived::parse_impl), load_installed (a load_default's install hint), default_names()
// and open_container (check the ZHTXIMG1 container of image.hpp against the type's
// kind, version and section count). What does not depend on the type (the image, its
// fingerprint and report, adopting bytes, the cache procedure) is compiled once, in the
// non-template base image_holder: each model type adds only its own steps.
//
// A derived class T keeps only its own format. It derives from compiled_image<T>,
// befriends it, and provides (privately):
//
//   explicit T(detail::image_tag) noexcept;                 an object with no image yet
//   result<void> adopt_image(std::string_view bytes, const std::string& name, bool built);
//       check `bytes` (held by the object, valid as long as it lives) and point the
//       object's tables into them; `built` says this process just compiled them (a
//       type may then skip O(n) checks); errors carry `name` (a path or "<memory>")
//   static constexpr detail::image_format format{kind, version, sections};
//       the ZHTXIMG1 container's kind, version and section count (open_container and
//       the cache key); not for the matcher, whose image has a format of its own
//
// The engines read a model's tables through view_of(model), which returns the member
// `tables_` (dict_view, hmm_view, pos_view): no detail type appears in a model's public
// API, and this is the one door to them (a model befriends image_access).
//
// Thread safety: a model is immutable once made; share it freely. Moving a model keeps
// its image where it is (mapped pages, or a heap block), so its tables stay valid.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../../result.hpp"
#include "cache_dir.hpp"
#include "image.hpp"
#include "image_cache.hpp"
#include "mapped_file.hpp"

namespace zhtext::detail {

/// The bytes of the image file `path`, memory-mapped (copied when the mapping is not
/// 8-byte aligned), for a loader to check. Errors: errc::not_found, errc::io_error.
inline result<image_storage> map_image_file(const std::string& path) {
  auto f = mapped_file::open(path);
  if (!f) return f.error();
  if (reinterpret_cast<std::uintptr_t>(f->data()) % 8 != 0) return image_storage(copy_aligned(f->bytes()));
  return image_storage(std::move(*f));
}

/// Writes `bytes` to `path` atomically (a temporary file, then rename). Errors:
/// errc::io_error.
inline result<void> save_image_file(const std::string& path, std::string_view bytes) {
  const std::string err = write_file_atomically(path, bytes);
  if (!err.empty()) return make_error(errc::io_error, err);
  return {};
}

/// The tag of a model's constructor that makes an object with no image yet.
struct image_tag {};

/// What a model's ZHTXIMG1 images are (image.hpp): kind, kind version, section count.
struct image_format {
  std::string_view kind;
  std::uint32_t version;
  std::size_t sections;
};

/// The engines' door to a model's tables (see the top of this file).
struct image_access {
  template <class T>
  static const auto& tables(const T& t) noexcept {
    return t.tables_;
  }
};

/// The tables the engines read of `model` (dictionary -> dict_view, hmm_model ->
/// hmm_view, pos_model -> pos_view); valid while the model lives.
template <class T>
const auto& view_of(const T& model) noexcept {
  return image_access::tables(model);
}

/// The part of every compiled model that does not depend on its type: the image, its
/// fingerprint (the cache key) and where it came from, and the procedures on them that
/// each model type would otherwise compile again (adopting stored bytes, loading
/// through the image cache). compiled_image<Derived> passes Derived's own steps as a
/// function pointer (`adopt`) and a thunk (`parse`), so that one copy of this code
/// serves every model type.
class image_holder {
 public:
  /// The compiled image; save it and load it back with load_image()/from_image().
  std::string_view image() const noexcept { return storage_.bytes(); }

  /// Where the image came from (built, cache hit, image file, memory) and cache notes.
  const load_report& report() const noexcept { return report_; }

 protected:
  /// Derived::adopt_image on the holder that is a Derived.
  using adopt_fn = result<void> (*)(image_holder& self, std::string_view bytes, const std::string& name, bool built);
  /// Compiles mapped sources (with their fingerprint) into `out`, which is a Derived.
  struct parse_thunk {
    const void* parse;
    result<void> (*call)(const void* parse, image_holder& out, const std::vector<mapped_file>& files,
                         std::uint64_t fingerprint);
  };

  image_holder() = default;
  image_holder(image_holder&&) noexcept = default;
  image_holder& operator=(image_holder&&) noexcept = default;
  image_holder(const image_holder&) = delete;
  image_holder& operator=(const image_holder&) = delete;
  ~image_holder() = default;

  /// Makes this object read `storage` (named `name` in errors), checked by `adopt`.
  result<void> adopt_storage(image_storage storage, const std::string& name, load_report::origin_kind origin,
                             adopt_fn adopt);

  /// Makes this object read an image it just compiled (origin: memory), checked by `adopt`.
  result<void> adopt_compiled(aligned_bytes bytes, adopt_fn adopt);

  /// Makes this object read the model compiled from `sources` through the image cache
  /// (image_cache.hpp): a cached image carrying the sources' fingerprint, else `parse`'s
  /// model, written to the cache (which keeps `keep` images of `kind`).
  result<void> load_cached(std::string_view kind, std::uint32_t version, const std::vector<std::string>& sources,
                           const cache_options& cache, adopt_fn adopt, parse_thunk parse, std::size_t keep);

  image_storage storage_;
  std::uint64_t fingerprint_ = 0;
  load_report report_;
};

inline result<void> image_holder::adopt_storage(image_storage storage, const std::string& name,
                                                load_report::origin_kind origin, adopt_fn adopt) {
  storage_ = std::move(storage);
  report_ = load_report{};
  report_.origin = origin;
  return adopt(*this, storage_.bytes(), name, false);
}

inline result<void> image_holder::adopt_compiled(aligned_bytes bytes, adopt_fn adopt) {
  storage_ = image_storage(std::move(bytes));
  report_ = load_report{};
  return adopt(*this, storage_.bytes(), "<memory>", true);
}

inline result<void> image_holder::load_cached(std::string_view kind, std::uint32_t version,
                                              const std::vector<std::string>& sources, const cache_options& cache,
                                              adopt_fn adopt, parse_thunk parse, std::size_t keep) {
  cache_probe p;
  if (auto r = probe_image_cache(p, kind, version, sources, cache); !r) return r;
  if (p.has_cached) {
    auto r = adopt_storage(std::move(p.cached), p.path, load_report::origin_kind::memory, adopt);
    if (r && fingerprint_ == p.fingerprint) {
      note_cache_hit(report_, p.path);
      return {};
    }
    p.how.note = r ? "cached image was for other sources; rebuilt" : r.error().message + "; rebuilt";
  }
  auto files = map_source_files(sources);
  if (!files) return files.error();
  if (auto r = parse.call(parse.parse, *this, *files, p.fingerprint); !r) return r;
  store_in_image_cache(report_, p, kind, image(), keep);
  return {};
}

/// The paths of the files `names[0..n)` in `dir`.
inline std::vector<std::string> folder_paths(const std::string& dir, const char* const* names, std::size_t n) {
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < n; ++i) paths.push_back(join_path(dir, names[i]));
  return paths;
}

/// The bytes of each mapped file, in order.
inline std::vector<std::string_view> file_texts(const std::vector<mapped_file>& files) {
  std::vector<std::string_view> texts;
  for (const mapped_file& f : files) texts.push_back(f.bytes());
  return texts;
}

template <class Derived>
class compiled_image : public image_holder {
 public:
  /// Adopts a compiled image held in memory, copying it. `name` names it in errors.
  /// Errors: errc::corrupt_data (never a crash, whatever the bytes).
  static result<Derived> from_image(std::string_view bytes, std::string_view name = "<memory>") {
    return from_storage(image_storage(copy_aligned(bytes)), std::string(name));
  }

  /// Adopts a compiled image in place (zero copy): `bytes` must stay valid and
  /// unchanged while the object lives, and be 8-byte aligned. Errors:
  /// errc::invalid_argument (not aligned), errc::corrupt_data.
  static result<Derived> from_image_in_place(std::string_view bytes, std::string_view name = "<memory>") {
    if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 8 != 0)
      return make_error(errc::invalid_argument, std::string(name) + ": image buffer is not 8-byte aligned");
    return from_storage(image_storage(bytes), std::string(name));
  }

  /// A compiled image file, memory-mapped (read into memory where mmap is unavailable).
  /// Errors: errc::not_found, errc::io_error, errc::corrupt_data (naming the path).
  static result<Derived> load_image(const std::string& path) {
    auto s = map_image_file(path);
    if (!s) return s.error();
    return from_storage(std::move(*s), path, load_report::origin_kind::image_file);
  }

  /// Writes the image to `path` atomically (a temporary file, then rename). Errors:
  /// errc::io_error.
  result<void> save_image(const std::string& path) const { return save_image_file(path, image()); }

  // image() and report() are image_holder's (movable, not copyable, as every model).

 protected:
  /// A Derived reading `storage`, checked by its adopt_image.
  static result<Derived> from_storage(image_storage storage, const std::string& name,
                                      load_report::origin_kind origin = load_report::origin_kind::memory) {
    result<Derived> d(std::in_place, blank{});  // made in place, never moved
    if (auto r = d->adopt_storage(std::move(storage), name, origin, &adopt_erased); !r) d = r.error();
    return d;
  }

  /// A Derived reading an image this process just compiled (origin: memory).
  static result<Derived> from_built(aligned_bytes bytes) {
    result<Derived> d(std::in_place, blank{});
    if (auto r = d->adopt_built(std::move(bytes)); !r) d = r.error();
    return d;
  }

  /// Makes this object read an image it just compiled (for constructors).
  result<void> adopt_built(aligned_bytes bytes) { return adopt_compiled(std::move(bytes), &adopt_erased); }

  /// Loads a Derived compiled from the source files `sources` through the image cache
  /// (image_cache.hpp): `parse(const std::vector<mapped_file>&, uint64_t fingerprint)
  /// -> result<Derived>` compiles them when the cache has no image for them; the cache
  /// keeps `keep` images of the kind.
  template <class Parse>
  static result<Derived> load_sources(const std::vector<std::string>& sources, const cache_options& cache,
                                      Parse parse, std::size_t keep = cached_images_per_kind) {
    result<Derived> d(std::in_place, blank{});
    const parse_thunk thunk{&parse, [](const void* f, image_holder& out, const std::vector<mapped_file>& files,
                                       std::uint64_t fp) -> result<void> {
                              auto m = (*static_cast<const Parse*>(f))(files, fp);
                              if (!m) return m.error();
                              static_cast<Derived&>(out) = std::move(*m);
                              return {};
                            }};
    if (auto r = d->load_cached(Derived::format.kind, Derived::format.version, sources, cache, &adopt_erased, thunk, keep);
        !r)
      d = r.error();
    return d;
  }

  /// load_sources for a model compiled from one file: Derived::parse_impl(text, path,
  /// fingerprint) compiles it when the cache has no image.
  static result<Derived> load_file(const std::string& path, const cache_options& cache) {
    return load_sources({path}, cache, [&](const std::vector<mapped_file>& f, std::uint64_t fp) {
      return Derived::parse_impl(f[0].bytes(), path, fp);
    });
  }

  /// load_sources for a model compiled from several files of one folder: the files
  /// Derived::source_files (base names, `static constexpr const char* [N]`) of `dir`;
  /// Derived::parse_impl(const std::string_view* texts, const std::string* paths,
  /// fingerprint), N of each, compiles them when the cache has no image.
  static result<Derived> load_folder(const std::string& dir, const cache_options& cache) {
    const std::vector<std::string> paths =
        folder_paths(dir, Derived::source_files, std::extent_v<decltype(Derived::source_files)>);
    return load_sources(paths, cache, [&](const std::vector<mapped_file>& f, std::uint64_t fp) {
      return Derived::parse_impl(file_texts(f).data(), paths.data(), fp);
    });
  }

  /// Derived::load(dir/relative, cache) of a model installed with other software, a
  /// missing file's error saying how to install it (`hint`): each load_default().
  static result<Derived> load_installed(const std::string& dir, std::string_view relative, const cache_options& cache,
                                        std::string_view hint) {
    auto r = Derived::load(join_path(dir, relative), cache);
    if (!r) add_install_hint(r.error(), hint);
    return r;
  }

  /// Derived::source_files as strings: the names a multi-file parse() gives its
  /// texts in errors unless told otherwise.
  static const auto& default_names() {
    constexpr std::size_t n = std::extent_v<decltype(Derived::source_files)>;
    struct names_t {
      std::string at[n];
    };
    static const names_t names = [] {
      names_t r;
      for (std::size_t i = 0; i < n; ++i) r.at[i] = Derived::source_files[i];
      return r;
    }();
    return names.at;
  }

  /// Checks the ZHTXIMG1 container (image.hpp) of `bytes` against Derived::format,
  /// keeps its fingerprint (the cache key) and returns its sections.
  result<image_contents> open_container(std::string_view bytes, const std::string& name) {
    const image_format& f = Derived::format;
    auto img = open_image(bytes, f.kind, f.version, f.sections, name);
    if (img) fingerprint_ = img->fingerprint;
    return img;
  }

 private:
  /// Converts to a Derived with no image yet (Derived's constructor is private, and
  /// compiled_image, its friend, makes it here), so that a result<Derived> can hold one
  /// made in place: the loaders above never move a model.
  struct blank {
    operator Derived() const { return Derived{image_tag{}}; }  // NOLINT(google-explicit-constructor)
  };

  static result<void> adopt_erased(image_holder& self, std::string_view bytes, const std::string& name, bool built) {
    return static_cast<Derived&>(self).adopt_image(bytes, name, built);
  }
};

}  // namespace zhtext::detail
