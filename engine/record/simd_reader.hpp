// The fast path for one JSON Lines record: simdjson's DOM parser validates the whole line
// (syntax and UTF-8), then one walk over the document builds the Record directly, keeping
// only keys in the KeyTable. Anything the walk does not accept as a valid case-file/1 record
// is handed back (`Outcome::defer`) so that the reference reader (nlohmann SAX, loader.cpp)
// decides it and words the rejection; input limits are enforced and reported here.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/keys.hpp"
#include "core/limits.hpp"
#include "record/record.hpp"

namespace pingcha {

class SimdRecordReader {
public:
    enum class Outcome { accepted, rejected, defer };
    struct Rejection {
        std::string field, message;
        std::optional<std::string> case_id;
    };

    SimdRecordReader(const KeyTable& keys, const Limits& limits);
    ~SimdRecordReader();
    SimdRecordReader(const SimdRecordReader&) = delete;
    SimdRecordReader& operator=(const SimdRecordReader&) = delete;

    // `line` is one record without its line end; the bytes after it up to `text_end` may be
    // read (then it need not be copied). On `accepted` the record's root is set (its source
    // is left to the caller); on `rejected` `rejection()` says why.
    Outcome read(std::string_view line, Record& record, const char* text_end = nullptr);
    const Rejection& rejection() const { return rejection_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    Rejection rejection_;
};

}  // namespace pingcha
