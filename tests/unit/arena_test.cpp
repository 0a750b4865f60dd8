// Arena: every array has its own address, zero-filled by make_array, left for the caller to
// fill by make_array_for_overwrite.
#include <gtest/gtest.h>

#include <cstdint>

#include "core/value.hpp"

namespace pingcha {
namespace {

TEST(Arena, EmptyArraysHaveTheirOwnAddress) {
    Arena arena(256);
    const Field* a = arena.make_array_for_overwrite<Field>(0);
    const Field* b = arena.make_array_for_overwrite<Field>(0);
    const Value* c = arena.make_array<Value>(0);
    ASSERT_NE(a, nullptr);
    EXPECT_NE(a, b);
    EXPECT_NE(static_cast<const void*>(b), static_cast<const void*>(c));
}

TEST(Arena, ArraysForOverwriteAreAlignedAndDisjoint) {
    Arena arena(64);  // small: later arrays come from further blocks
    char* text = arena.make_array_for_overwrite<char>(3);
    Value* values = arena.make_array_for_overwrite<Value>(40);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(values) % alignof(Value), 0u);
    for (int k = 0; k < 40; ++k) values[k] = Value::integer(k);
    text[0] = 'a', text[1] = 'b', text[2] = 'c';
    for (int k = 0; k < 40; ++k) EXPECT_EQ(values[k].i, k);
    EXPECT_EQ(std::string_view(text, 3), "abc");
}

TEST(Arena, MakeArrayStillZeroes) {
    Arena arena(4096);
    Value* dirty = arena.make_array_for_overwrite<Value>(8);
    for (int k = 0; k < 8; ++k) dirty[k] = Value::integer(7);
    arena.reset();  // the same room again
    const Value* clean = arena.make_array<Value>(8);
    for (int k = 0; k < 8; ++k) EXPECT_TRUE(clean[k].is_missing());
}

}  // namespace
}  // namespace pingcha
