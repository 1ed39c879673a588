// zhtext/detail/containers/scratch_slot.hpp - reusable scratch buffers for functions
// that take a callback: one per thread (with_thread_scratch) or one per object
// (scratch_slot, e.g. a segmenter session).
//
// A function that cuts or ranks keeps its buffers between calls so that it allocates
// nothing once warm. The callback it calls may call the same function again (a nested
// call, e.g. cutting a token's text from inside for_each_token): the slot is busy
// then, and the nested call gets fresh buffers of its own instead of clobbering the
// outer call's.
// Thread safety: a scratch_slot belongs to one thread at a time; with_thread_scratch
// uses one slot per thread and per Scratch type; unique_serial is thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

namespace zhtext::detail {

template <class Scratch>
class scratch_slot {
 public:
  /// Calls body(Scratch&) with this slot's buffers, or with fresh ones when the slot
  /// is in use further up the stack; returns what body returns.
  template <class Body>
  decltype(auto) use(Body&& body) {
    if (busy_) {
      Scratch own;
      return std::forward<Body>(body)(own);
    }
    busy_ = true;
    struct release {
      bool& busy;
      ~release() { busy = false; }
    } guard{busy_};
    return std::forward<Body>(body)(scratch_);
  }

 private:
  Scratch scratch_;
  bool busy_ = false;
};

/// This thread's slot of type Scratch (one per thread and type, whatever the caller).
template <class Scratch>
scratch_slot<Scratch>& thread_scratch_slot() {
  thread_local scratch_slot<Scratch> slot;
  return slot;
}

/// Calls body(Scratch&) with this thread's buffers of type Scratch (see scratch_slot).
template <class Scratch, class Body>
decltype(auto) with_thread_scratch(Body&& body) {
  return thread_scratch_slot<Scratch>().use(std::forward<Body>(body));
}

/// A number no other call returns (in this process): names what a thread's scratch was
/// filled for (a keyword extractor's setup, a segmenter's line of states), so that a
/// scratch kept across calls is reset when it meets another.
inline std::uint64_t unique_serial() noexcept {
  static std::atomic<std::uint64_t> next{0};
  return next.fetch_add(1, std::memory_order_relaxed) + 1;
}

}  // namespace zhtext::detail
