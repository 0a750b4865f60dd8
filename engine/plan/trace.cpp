#include "plan/trace.hpp"

#include <algorithm>

#include "core/bytes.hpp"

namespace pingcha {
namespace {

// A read index larger than this (a rule that read that many fields) is freed, not cleared,
// by Trace::clear.
constexpr size_t kKeptIndexSlots = 1024;

// Cheap rather than strong: the first and last 8 bytes and the length, which tell apart
// the paths of one rule ("basis[0].law", "basis[1].law"); a collision only costs a compare.
size_t path_hash(std::string_view path) {
    const size_t n = path.size();
    const uint64_t head = load_bytes(path.data(), std::min<size_t>(n, 8));
    const uint64_t tail = n > 8 ? load_bytes(path.data() + n - 8, 8) : 0;
    uint64_t h = (head * 0x9E3779B97F4A7C15ULL) ^ (tail * 0xC2B2AE3D27D4EB4FULL) ^ n;
    return static_cast<size_t>(h ^ (h >> 29));
}

}  // namespace

void Trace::read_built(size_t mark, const Value& v) {
    const std::string_view path = std::string_view(paths_).substr(mark);
    if (path.empty()) return;
    if (2 * (reads_.size() + 1) > read_index_.size()) index_reads(std::max<size_t>(16, 2 * read_index_.size()));
    const size_t mask = read_index_.size() - 1;
    for (size_t slot = path_hash(path) & mask;; slot = (slot + 1) & mask) {
        if (read_index_[slot] == 0) {
            reads_.push_back({static_cast<uint32_t>(mark), static_cast<uint32_t>(path.size()), v});
            read_index_[slot] = static_cast<uint32_t>(reads_.size());
            return;
        }
        if (read_path(reads_[read_index_[slot] - 1]) == path) break;
    }
    paths_.resize(mark);  // read before: the first read stands
}

// Rebuilds the index with `slots` (a power of two) slots.
void Trace::index_reads(size_t slots) {
    read_index_.assign(slots, 0);
    for (size_t k = 0; k < reads_.size(); ++k) {
        size_t slot = path_hash(read_path(reads_[k])) & (slots - 1);
        while (read_index_[slot] != 0) slot = (slot + 1) & (slots - 1);
        read_index_[slot] = static_cast<uint32_t>(k + 1);
    }
}

// One entry per cited law and day; a later lookup adds what it asked (a territory, a version).
void Trace::law(LawLookup l) {
    for (auto& o : laws_)
        if (o.cited == l.cited && o.day == l.day && o.day_source == l.day_source) {
            if (o.place.empty() && !l.place.empty()) {
                o.place = l.place;
                o.place_name = l.place_name;
                o.applies = l.applies;
            }
            if (!o.named && l.named) {
                o.named = l.named;
                o.named_found = l.named_found;
                o.named_from = l.named_from;
                o.named_until = l.named_until;
            }
            return;
        }
    laws_.push_back(std::move(l));
}

void Trace::tier(TierLookup t) {
    for (const auto& o : tiers_)
        if (o.code == t.code && o.level == t.level && o.selected == t.selected) return;
    tiers_.push_back(std::move(t));
}

void Trace::clear() {
    paths_.clear();
    reads_.clear();
    if (read_index_.size() > kKeptIndexSlots) read_index_ = {};  // one big rule's reads: do not keep clearing it
    std::fill(read_index_.begin(), read_index_.end(), 0);
    steps_.clear();
    current_ = UINT32_MAX;
    laws_.clear();
    tiers_.clear();
}

}  // namespace pingcha
