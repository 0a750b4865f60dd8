#include "record/schema.hpp"

namespace pingcha {
namespace {

Shape scalar(FieldType t) { Shape s; s.type = t; return s; }

Shape choice(std::vector<std::string> values) {
    Shape s;
    s.type = FieldType::enumeration;
    s.choices = std::move(values);
    return s;
}

Shape object(std::vector<FieldSpec> fields) {
    Shape s;
    s.type = FieldType::object;
    s.fields = std::move(fields);
    return s;
}

Shape list_of(Shape element) {
    Shape s;
    s.type = FieldType::list;
    s.element = std::make_shared<const Shape>(std::move(element));
    return s;
}

Shape map_of(Shape element) {
    Shape s;
    s.type = FieldType::map;
    s.element = std::make_shared<const Shape>(std::move(element));
    return s;
}

FieldSpec field(std::string name, Shape shape, bool required = false) {
    return FieldSpec{std::move(name), std::move(shape), required};
}

Shape make_case_file() {
    const auto text = scalar(FieldType::text);
    const auto date = scalar(FieldType::date);
    const auto money = scalar(FieldType::money);
    std::vector<FieldSpec> dates;
    for (const char* name : {"act", "discovered", "filed", "notice", "hearing", "legal_review", "decided",
                             "served", "executed", "closed"})
        dates.push_back(field(name, date));
    return object({
        field("format", choice({"case-file/1"}), true),
        field("id", text, true),
        field("agency", object({field("code", text), field("name", text)})),
        field("territory", text),
        field("procedure", choice({"general", "simple"})),
        field("cause", text),
        field("violation", text),
        field("party", object({field("kind", choice({"individual", "organization"})), field("name", text)})),
        field("dates", object(std::move(dates))),
        field("officers", list_of(object({field("name", text), field("cert", text)}))),
        field("basis", list_of(object({field("role", choice({"violated", "penalty"})), field("law", text),
                                       field("article", scalar(FieldType::article)), field("version", text)}))),
        field("circumstance", object({field("level", text), field("prior_violations_1y", scalar(FieldType::integer)),
                                      field("factors", list_of(text))})),
        field("penalty", object({field("kinds", list_of(text)), field("fine", money), field("confiscated", money),
                                 field("amounts", map_of(money))})),
        field("hearing", object({field("notified", scalar(FieldType::boolean)),
                                 field("requested", scalar(FieldType::boolean))})),
        field("collective_decision", scalar(FieldType::boolean)),
        field("documents", list_of(object({field("type", text), field("date", date),
                                           field("signed", scalar(FieldType::boolean))}))),
        field("evidence", list_of(object({field("kind", text), field("collected", date)}))),
        field("extra", scalar(FieldType::dynamic)),
    });
}

}  // namespace

const FieldSpec* Shape::find(std::string_view name) const {
    for (const auto& f : fields)
        if (f.name == name) return &f;
    return nullptr;
}

const Shape& case_file_shape() {
    static const Shape shape = make_case_file();
    return shape;
}

const Shape& article_shape() {
    static const Shape shape = object({field("no", scalar(FieldType::integer)), field("sub", scalar(FieldType::integer)),
                                       field("paragraph", scalar(FieldType::integer)),
                                       field("item", scalar(FieldType::integer)), field("text", scalar(FieldType::text))});
    return shape;
}

}  // namespace pingcha
