#pragma once

#include "core/result.h"
#include "json/jsonfields.h"

#include <QByteArray>

#include <memory>

namespace forgelink {

// Parses JSON with simdjson (a validating parser, several times faster than QJsonDocument on
// webhook payloads) and hands out the document's fields. The fields stay valid until the next
// parse() with the same parser; one parser per thread.
class JsonParser {
public:
    JsonParser();
    ~JsonParser();
    JsonParser(const JsonParser &) = delete;
    JsonParser &operator=(const JsonParser &) = delete;

    // The document's top-level value, or why the text is not JSON.
    Result<JsonFields> parse(const QByteArray &text);

private:
    std::unique_ptr<simdjson::dom::parser> m_parser;
};

} // namespace forgelink
