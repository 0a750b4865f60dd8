#include "store/canonical_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

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
