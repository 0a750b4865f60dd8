// The normalised article object shared by both case-file readers.
#pragma once
#include <optional>
#include <string_view>

#include "core/keys.hpp"
#include "law/citation.hpp"

namespace pingcha {

struct ArticleKeys {
    std::optional<KeyId> no, sub, paragraph, item, text;
    explicit ArticleKeys(const KeyTable& keys)
        : no(keys.find("no")), sub(keys.find("sub")), paragraph(keys.find("paragraph")), item(keys.find("item")),
          text(keys.find("text")) {}
};

// {no, sub, paragraph, item, text}; parts that are zero are left out, and an unrecognised
// citation keeps only its text.
inline Value article_object(Arena& arena, const ArticleKeys& keys, const std::optional<ArticleRef>& ref,
                            std::string_view text) {
    Field fields[5];
    uint32_t n = 0;
    const auto add = [&](std::optional<KeyId> key, uint32_t number) {
        if (key && number != 0) fields[n++] = Field{*key, Value::integer(number)};
    };
    if (ref) {
        add(keys.no, ref->article);
        add(keys.sub, ref->sub);
        add(keys.paragraph, ref->paragraph);
        add(keys.item, ref->item);
    }
    if (keys.text) fields[n++] = Field{*keys.text, Value::text(arena.copy(text))};
    Field* copy = arena.make_array<Field>(n);
    std::copy_n(fields, n, copy);
    return Value::object(copy, n);
}

}  // namespace pingcha
