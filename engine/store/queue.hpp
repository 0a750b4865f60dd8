// A bounded blocking queue between the threads of import and run.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace pingcha::store {

// A bounded blocking queue; close() wakes every waiter, pop() then drains what is left.
template <class T>
class Queue {
public:
    explicit Queue(size_t capacity) : capacity_(capacity) {}
    void push(T item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return items_.size() < capacity_; });
        items_.push_back(std::move(item));
        not_empty_.notify_one();
    }
    // nullopt when closed and empty, or (with a timeout) when nothing came in time.
    std::optional<T> pop(std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
        std::unique_lock lock(mutex_);
        const auto ready = [&] { return !items_.empty() || closed_; };
        if (timeout) {
            if (!not_empty_.wait_for(lock, *timeout, ready)) return std::nullopt;
        } else {
            not_empty_.wait(lock, ready);
        }
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return item;
    }
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
    }
    bool closed_and_empty() {
        std::lock_guard lock(mutex_);
        return closed_ && items_.empty();
    }

private:
    size_t capacity_;
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<T> items_;
    bool closed_ = false;
};

}  // namespace pingcha::store
