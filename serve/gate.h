// A FIFO gate: at most N holders at once, later arrivals admitted in the
// order they arrived.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>

namespace newsdex::serve {

// newsdex-serve runs every search through one Gate sized to the cores.
// With more requests in flight than cores, the kernel would otherwise
// share the cores among all of them, so that each search takes as long as
// the slowest in its company; in arrival order each waits for those ahead
// of it and then runs at full speed, which cuts the tail of the latency
// without changing the throughput.
class Gate {
 public:
  // REQUIRES: capacity >= 1.
  explicit Gate(std::size_t capacity) : capacity_(capacity) {}
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;

  // Held while alive: constructed when the gate admits the caller (in the
  // order of the calls to enter), leaves on destruction.
  class Turn {
   public:
    ~Turn() {
      if (gate_ != nullptr) gate_->leave();
    }
    Turn(Turn&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    Turn& operator=(Turn&&) = delete;

   private:
    friend class Gate;
    explicit Turn(Gate* gate) : gate_(gate) {}
    Gate* gate_;
  };

  // Waits until fewer than capacity turns are held and every earlier
  // caller has been admitted, then returns the caller's turn.
  [[nodiscard]] Turn enter() {
    std::unique_lock<std::mutex> lock(mutex_);
    const std::uint64_t ticket = next_ticket_++;
    // Tickets below capacity_ + left_ are admitted: at most capacity_ of
    // them have not left yet, and they are admitted in ticket order.
    admitted_.wait(lock, [&] { return ticket < capacity_ + left_; });
    return Turn(this);
  }

  // Turns held now, and callers waiting in enter() (for tests).
  std::size_t held() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<std::size_t>(admitted() - left_);
  }
  std::size_t waiting() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<std::size_t>(next_ticket_ - admitted());
  }

 private:
  // Tickets handed out and admitted. REQUIRES: mutex_ held.
  std::uint64_t admitted() const { return next_ticket_ < capacity_ + left_ ? next_ticket_ : capacity_ + left_; }

  void leave() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      ++left_;
    }
    admitted_.notify_all();
  }

  const std::uint64_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable admitted_;
  std::uint64_t next_ticket_ = 0;  // the next caller's
  std::uint64_t left_ = 0;         // turns ended
};

}  // namespace newsdex::serve
