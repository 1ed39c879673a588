// zhtext/version.hpp - the library version.
#pragma once

#define ZHTEXT_VERSION_MAJOR 0
#define ZHTEXT_VERSION_MINOR 1
#define ZHTEXT_VERSION_PATCH 0

namespace zhtext {
/// "major.minor.patch" of this copy of zhtext.
inline constexpr const char* version = "0.1.0";
}  // namespace zhtext
