// libFuzzer target: see entries.hpp.
#include <cstddef>
#include <cstdint>

#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pingcha::fuzz::citation({reinterpret_cast<const char*>(data), size});
    return 0;
}
