#include "store/canonical_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/json_unescape.hpp"

namespace pingcha::store {
namespace {

std::string json_quoted(const std::string& s) { return nlohmann::json(s).dump(); }

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
public:
    explicit TreeBuilder(size_t max_depth) : max_depth_(max_depth) {}
    std::optional<JsonNode> root;
    std::string error;

    bool null() override { return scalar("null"); }
    bool boolean(bool v) override { return scalar(v ? "true" : "false"); }
    bool number_integer(number_integer_t v) override { return scalar(std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(std::to_string(v)); }
    bool number_float(number_float_t, const string_t& s) override { return scalar(s); }
    bool string(string_t& v) override { return scalar(json_quoted(v)); }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return open(JsonNode::Kind::object); }
    bool key(string_t& k) override {
        pending_key_ = k;
        return true;
    }
    bool end_object() override {
        auto& m = stack_.back().node.members;
        // Stable sort by key, then keep the last of each run of equal keys.
        std::stable_sort(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
        std::vector<JsonNode::Member> unique;
        unique.reserve(m.size());
        for (auto& kv : m) {
            if (!unique.empty() && unique.back().key == kv.key) unique.back() = std::move(kv);
            else unique.push_back(std::move(kv));
        }
        m = std::move(unique);
        return close();
    }
    bool start_array(std::size_t) override { return open(JsonNode::Kind::array); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        error = "JSON 语法错误（第 " + std::to_string(position) + " 字节）：" + ex.what();
        return false;
    }

private:
    struct Frame {
        JsonNode node;
        std::string key;  // under which this node goes into its parent object
    };

    bool scalar(std::string text) {
        JsonNode n;
        n.scalar = std::move(text);
        place(std::move(n), pending_key_);
        return true;
    }
    bool open(JsonNode::Kind kind) {
        if (stack_.size() >= max_depth_) {
            error = "JSON 嵌套超过 max_json_depth 限制（" + std::to_string(max_depth_) + " 层）";
            return false;
        }
        Frame f;
        f.node.kind = kind;
        f.key = pending_key_;
        stack_.push_back(std::move(f));
        return true;
    }
    bool close() {
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        place(std::move(f.node), f.key);
        return true;
    }
    void place(JsonNode n, const std::string& key) {
        if (stack_.empty()) {
            root = std::move(n);
            return;
        }
        auto& parent = stack_.back().node;
        if (parent.kind == JsonNode::Kind::object) parent.members.push_back(JsonNode::Member{key, std::move(n)});
        else parent.items.push_back(std::move(n));
    }

    size_t max_depth_;
    std::vector<Frame> stack_;
    std::string pending_key_;
};

void write(const JsonNode& n, std::string& out) {
    switch (n.kind) {
        case JsonNode::Kind::scalar: out += n.scalar; return;
        case JsonNode::Kind::object:
            out += '{';
            for (size_t i = 0; i < n.members.size(); ++i) {
                if (i) out += ',';
                out += json_quoted(n.members[i].key);
                out += ':';
                write(n.members[i].value, out);
            }
            out += '}';
            return;
        case JsonNode::Kind::array:
            out += '[';
            for (size_t i = 0; i < n.items.size(); ++i) {
                if (i) out += ',';
                write(n.items[i], out);
            }
            out += ']';
            return;
    }
}

}  // namespace

std::optional<std::string> JsonNode::string_at(std::initializer_list<std::string_view> path) const {
    const JsonNode* n = this;
    for (auto key : path) {
        if (n->kind != Kind::object) return std::nullopt;
        const auto it = std::lower_bound(n->members.begin(), n->members.end(), key,
                                         [](const auto& kv, std::string_view k) { return kv.key < k; });
        if (it == n->members.end() || it->key != key) return std::nullopt;
        n = &it->value;
    }
    if (n->kind != Kind::scalar || n->scalar.empty() || n->scalar[0] != '"') return std::nullopt;
    try {
        return nlohmann::json::parse(n->scalar).get<std::string>();
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<JsonNode> parse_json_node(std::string_view text, std::string& error, size_t max_depth) {
    TreeBuilder builder(max_depth);
    bool ok = false;
    try {
        ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
    } catch (const std::exception& e) {
        // nlohmann re-encodes strings when writing them; invalid UTF-8 ends up here.
        error = std::string("JSON 无法规范化：") + e.what();
        return std::nullopt;
    }
    if (!ok || !builder.root) {
        error = builder.error.empty() ? "JSON 语法错误" : builder.error;
        return std::nullopt;
    }
    return std::move(builder.root);
}

std::string canonical_text(const JsonNode& node) {
    std::string out;
    write(node, out);
    return out;
}

}  // namespace pingcha::store

// ------------------------------------------------------------- Canonicalizer

namespace pingcha::store {
namespace {

constexpr size_t kMaxDepth = 512;

// Escapes a decoded string exactly as nlohmann/json's dump() does (ensure_ascii off).
void append_escaped(std::string& out, std::string_view s) {
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

}  // namespace

void Canonicalizer::skip_space() {
    while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\n' || in_[pos_] == '\r' || in_[pos_] == '\t')) ++pos_;
}

bool Canonicalizer::canonicalize(std::string_view json, Result& out) {
    in_ = json;
    pos_ = 0;
    result_ = &out;
    out.text.clear();
    out.id.reset();
    out.agency_code.clear();
    skip_space();
    if (!value(out.text, Role::root, 0)) return false;
    skip_space();
    return pos_ == in_.size();
}

bool Canonicalizer::value(std::string& out, Role role, size_t depth) {
    last_was_string_ = false;
    if (pos_ >= in_.size() || depth > kMaxDepth) return false;
    const char c = in_[pos_];
    if (c == '{') return object(out, role, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
        if (!string(out, &decoded_)) return false;
        last_was_string_ = true;
        return true;
    }
    for (std::string_view word : {"true", "false", "null"})
        if (in_.substr(pos_, word.size()) == word) {
            out += word;
            pos_ += word.size();
            return true;
        }
    return number(out);
}

bool Canonicalizer::object(std::string& out, Role role, size_t depth) {
    ++pos_;  // {
    if (levels_.size() <= depth) levels_.resize(depth + 1);
    size_t used = 0;
    skip_space();
    if (pos_ < in_.size() && in_[pos_] == '}') {
        ++pos_;
        out += "{}";
        return true;
    }
    for (;;) {
        skip_space();
        auto& members = levels_[depth];  // re-fetched: deeper objects may resize levels_
        if (members.size() <= used) members.emplace_back();
        Member& m = members[used++];
        m.text.clear();
        if (pos_ >= in_.size() || in_[pos_] != '"' || !string(m.text, &m.key)) return false;
        skip_space();
        if (pos_ >= in_.size() || in_[pos_] != ':') return false;
        ++pos_;
        m.text += ':';
        skip_space();
        const Role inner = role == Role::root && m.key == "agency" ? Role::agency : Role::other;
        if (role == Role::root && m.key == "agency") result_->agency_code.clear();
        // Built in a local string: `m` may move when a nested object grows levels_.
        std::string text = std::move(m.text);
        const std::string key = role == Role::other ? std::string() : levels_[depth][used - 1].key;
        if (!value(text, inner, depth + 1)) return false;
        levels_[depth][used - 1].text = std::move(text);
        if (role == Role::root && key == "id") result_->id = last_was_string_ ? std::optional(decoded_) : std::nullopt;
        if (role == Role::agency && key == "code" && last_was_string_) result_->agency_code = decoded_;
        skip_space();
        if (pos_ >= in_.size()) return false;
        if (in_[pos_] == ',') {
            ++pos_;
            continue;
        }
        if (in_[pos_] != '}') return false;
        ++pos_;
        break;
    }
    auto& members = levels_[depth];
    // Objects of a case file have a few dozen keys at most: an insertion sort (stable, like the
    // order a repeated key needs) on a reused index array allocates nothing.
    if (orders_.size() <= depth) orders_.resize(depth + 1);
    auto& order = orders_[depth];
    order.clear();
    for (uint32_t i = 0; i < used; ++i) {
        size_t at = order.size();
        order.push_back(i);
        for (; at > 0 && members[i].key < members[order[at - 1]].key; --at) order[at] = order[at - 1];
        order[at] = i;
    }
    out += '{';
    bool first = true;
    for (size_t i = 0; i < order.size(); ++i) {
        // A repeated key keeps its last value (the last of a run of equal keys, in input order).
        if (i + 1 < order.size() && members[order[i]].key == members[order[i + 1]].key) continue;
        if (!first) out += ',';
        first = false;
        out += members[order[i]].text;
    }
    out += '}';
    last_was_string_ = false;
    return true;
}

bool Canonicalizer::array(std::string& out, size_t depth) {
    ++pos_;  // [
    out += '[';
    skip_space();
    if (pos_ < in_.size() && in_[pos_] == ']') {
        ++pos_;
        out += ']';
        last_was_string_ = false;
        return true;
    }
    for (bool first = true;; first = false) {
        skip_space();
        if (!first) out += ',';
        if (!value(out, Role::other, depth + 1)) return false;
        skip_space();
        if (pos_ >= in_.size()) return false;
        if (in_[pos_] == ',') {
            ++pos_;
            continue;
        }
        if (in_[pos_] != ']') return false;
        ++pos_;
        out += ']';
        last_was_string_ = false;
        return true;
    }
}

// A string token: copied as written when it has no escape (the text is valid UTF-8 without
// control characters, which is what nlohmann writes back), otherwise decoded and re-escaped.
bool Canonicalizer::string(std::string& out, std::string* decoded) {
    const size_t start = ++pos_;
    bool escaped = false;
    while (pos_ < in_.size() && in_[pos_] != '"') {
        if (static_cast<unsigned char>(in_[pos_]) < 0x20) return false;
        if (in_[pos_] == '\\') {
            escaped = true;
            ++pos_;
        }
        ++pos_;
    }
    if (pos_ >= in_.size()) return false;
    const std::string_view raw = in_.substr(start, pos_ - start);
    ++pos_;  // closing quote
    if (!escaped) {
        out += '"';
        out += raw;
        out += '"';
        if (decoded) decoded->assign(raw);
        return true;
    }
    auto text = unescape_json(raw);
    if (!text) return false;
    append_escaped(out, *text);
    if (decoded) *decoded = std::move(*text);
    return true;
}

// A number as written, except that an integer is written as its value (`-0` → `0`), as the
// tree builder does through nlohmann's integer callbacks.
bool Canonicalizer::number(std::string& out) {
    const size_t start = pos_;
    if (pos_ < in_.size() && in_[pos_] == '-') ++pos_;
    bool integer = true;
    while (pos_ < in_.size()) {
        const char c = in_[pos_];
        if (c >= '0' && c <= '9') {
            ++pos_;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || (c == '-' && pos_ > start)) {
            integer = false;
            ++pos_;
        } else {
            break;
        }
    }
    const std::string_view text = in_.substr(start, pos_ - start);
    if (text.empty() || text == "-") return false;
    if (integer && text == "-0") out += '0';
    else out += text;
    return true;
}

}  // namespace pingcha::store
