// RootIndex answers root.get(key) for the root indexed last: present fields, absent ones
// (missing), nothing left over from the previous root, and a root that is not an object.
#include <gtest/gtest.h>

#include "plan/root_index.hpp"

using namespace pingcha;

namespace {

TEST(RootIndex, AnswersAsTheRootObjectDoes) {
    const Field first[] = {{3, Value::integer(30)}, {0, Value::text("零")}, {5, Value::boolean(true)}};
    const Field second[] = {{5, Value::boolean(false)}, {1, Value::integer(11)}};
    const Value a = Value::object(first, 3), b = Value::object(second, 2);
    RootIndex index(6);
    for (int round = 0; round < 2; ++round) {
        index.index(a);
        for (KeyId key = 0; key < 8; ++key) {  // 6 and 7 are beyond the index: searched
            const Value want = a.get(key), got = index.get(key);
            EXPECT_EQ(got.kind, want.kind) << key;
            EXPECT_EQ(got.i, want.i) << key;
        }
        index.index(b);
        EXPECT_TRUE(index.get(3).is_missing());  // a's, forgotten
        EXPECT_TRUE(index.get(0).is_missing());
        EXPECT_EQ(index.get(1).i, 11);
        EXPECT_EQ(index.get(5).kind, ValueKind::boolean);
        EXPECT_FALSE(index.get(5).b);
    }
    index.index(Value::integer(1));  // not an object: no fields
    for (KeyId key = 0; key < 8; ++key) EXPECT_TRUE(index.get(key).is_missing()) << key;
}

TEST(RootIndex, ManyRecordsLater) {
    const Field fields[] = {{2, Value::integer(2)}};
    const Value root = Value::object(fields, 1);
    const Value empty = Value::object(fields, 0);
    RootIndex index(4);
    for (int k = 0; k < 100000; ++k) {
        index.index(k % 2 ? root : empty);
        ASSERT_EQ(index.get(2).is_missing(), k % 2 == 0) << k;
    }
}

}  // namespace
