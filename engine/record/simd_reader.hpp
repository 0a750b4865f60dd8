// The fast path for one JSON Lines record: simdjson's first stage checks the line's UTF-8 and
// strings and finds its tokens, then one walk over the tokens checks the JSON grammar and
// builds the Record directly, keeping only keys in the KeyTable. Anything the walk does not
// accept as a valid case-file/1 record within the input limits is handed back
// (`Outcome::defer`) so that the reference reader (nlohmann SAX, loader.cpp) decides it and
// words the rejection.
#pragma once
#include <memory>
#include <string_view>

#include "core/keys.hpp"
#include "core/limits.hpp"
#include "record/record.hpp"

namespace pingcha {

class SimdRecordReader {
public:
    enum class Outcome { accepted, defer };

    SimdRecordReader(const KeyTable& keys, const Limits& limits);
    ~SimdRecordReader();
    SimdRecordReader(const SimdRecordReader&) = delete;
    SimdRecordReader& operator=(const SimdRecordReader&) = delete;

    // `line` is one record without its line end; the bytes after it up to `text_end` may be
    // read (then it need not be copied). On `accepted` the record's root is set (its source
    // is left to the caller).
    Outcome read(std::string_view line, Record& record, const char* text_end = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pingcha
