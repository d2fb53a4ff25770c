#include "json/jsonparser.h"

namespace forgelink {

namespace {
// A parser keeps the memory of the largest document it has seen; after a big one (up to the
// body limit) the next parse starts over with a fresh parser, so the agent's memory comes back.
constexpr size_t kKeptCapacity = 1024 * 1024;
} // namespace

JsonParser::JsonParser() : m_parser(std::make_unique<simdjson::dom::parser>()) {}

JsonParser::~JsonParser() = default;

Result<JsonFields> JsonParser::parse(const QByteArray &text)
{
    if (m_parser->capacity() > kKeptCapacity && size_t(text.size()) <= kKeptCapacity)
        m_parser = std::make_unique<simdjson::dom::parser>();
    simdjson::dom::element root;
    const simdjson::error_code error = m_parser->parse(text.constData(), size_t(text.size())).get(root);
    if (error != simdjson::SUCCESS)
        return fail(QString::fromUtf8(simdjson::error_message(error)));
    return JsonFields(root, QString(), std::make_shared<QString>());
}

} // namespace forgelink
