// RootIndex answers root.find(key) for the root indexed last: the very field of the root
// when present, none when absent, nothing left over from the previous root, and no fields
// for a root that is not an object.
#include <gtest/gtest.h>

#include "plan/root_index.hpp"

using namespace pingcha;

namespace {

TEST(RootIndex, FindsWhatTheRootObjectFinds) {
    const Field first[] = {{3, Value::integer(30)}, {0, Value::text("零")}, {5, Value::boolean(true)}};
    const Field second[] = {{5, Value::boolean(false)}, {1, Value::integer(11)}};
    const Value a = Value::object(first, 3), b = Value::object(second, 2);
    RootIndex index(6);
    for (int round = 0; round < 2; ++round) {
        index.index(a);
        for (KeyId key = 0; key < 8; ++key)  // 6 and 7 are beyond the index: searched
            EXPECT_EQ(index.find(key), a.find(key)) << key;
        EXPECT_EQ(index.find(3), &first[0].value);
        index.index(b);
        EXPECT_EQ(index.find(3), nullptr);  // a's, forgotten
        EXPECT_EQ(index.find(0), nullptr);
        EXPECT_EQ(index.find(1), &second[1].value);
        EXPECT_EQ(index.find(5), &second[0].value);
    }
    index.index(Value::integer(1));  // not an object: no fields
    for (KeyId key = 0; key < 8; ++key) EXPECT_EQ(index.find(key), nullptr) << key;
}

TEST(RootIndex, ManyRecordsLater) {
    const Field fields[] = {{2, Value::integer(2)}};
    const Value root = Value::object(fields, 1);
    const Value empty = Value::object(fields, 0);
    RootIndex index(4);
    for (int k = 0; k < 100000; ++k) {
        index.index(k % 2 ? root : empty);
        ASSERT_EQ(index.find(2), k % 2 ? &fields[0].value : nullptr) << k;
    }
}

}  // namespace
