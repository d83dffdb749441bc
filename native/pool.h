// A tiny persistent thread pool: run(n, f) calls f(0..n-1) on the workers and the calling thread.
// Workers sleep on a condition variable between calls (no spinning: with two cores the wasm ops that run
// between our kernels must get the CPU back at once).
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

class Pool {
 public:
  int threads() const { return static_cast<int>(workers_) + 1; }

  // Grows only (threads are detached and never joined: the pool lives as long as the process).
  void set_threads(int n) {
    std::lock_guard<std::mutex> lock(m_);
    wanted_ = n < 1 ? 1 : n;
    while (static_cast<int>(workers_) + 1 < wanted_) {
      std::thread([this] { loop(); }).detach();
      workers_++;
    }
  }

  void run(int n, const std::function<void(int)>& f) {
    int active_workers = wanted_ - 1;
    if (active_workers <= 0 || n <= 1) {
      for (int i = 0; i < n; i++) f(i);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(m_);
      job_ = &f;
      tasks_ = n;
      next_.store(0);
      enlisted_ = active_workers;
      pending_ = active_workers;
      generation_++;
    }
    cv_.notify_all();
    work();
    std::unique_lock<std::mutex> lock(m_);
    done_.wait(lock, [this] { return pending_ == 0; });
    job_ = nullptr;
  }

 private:
  void work() {
    for (int i; (i = next_.fetch_add(1)) < tasks_;) (*job_)(i);
  }

  void loop() {
    long seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait(lock, [&] { return generation_ != seen && enlisted_ > 0; });
        seen = generation_;
        enlisted_--;
      }
      work();
      std::lock_guard<std::mutex> lock(m_);
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::mutex m_;
  std::condition_variable cv_, done_;
  const std::function<void(int)>* job_ = nullptr;
  int tasks_ = 0, enlisted_ = 0, pending_ = 0, wanted_ = 1;
  unsigned workers_ = 0;
  long generation_ = 0;
  std::atomic<int> next_{0};
};
