// same_bytes against ==, at every length up to 40 (words, vectors and memcmp) and with one
// byte changed at every position.
#include <gtest/gtest.h>

#include <string>

#include "core/bytes.hpp"

namespace pingcha {
namespace {

TEST(SameBytes, AgreesWithEqualityAtEveryLengthAndPosition) {
    const std::string text = "行政处罚事先告知书0123456789abcdefghijklmnop";
    for (size_t n = 0; n <= 40; ++n) {
        const std::string a = text.substr(0, n);
        std::string b = a;
        EXPECT_TRUE(same_bytes(a, b)) << n;
        for (size_t k = 0; k < n; ++k) {
            b[k] = static_cast<char>(b[k] ^ 0x01);
            EXPECT_FALSE(same_bytes(a, b)) << n << " at " << k;
            b[k] = a[k];
        }
        if (n > 0) {
            EXPECT_FALSE(same_bytes(a, a.substr(0, n - 1))) << n;
        }
    }
}

}  // namespace
}  // namespace pingcha
