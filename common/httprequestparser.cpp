#include "httprequestparser.h"

#include <boost/beast/http.hpp>

#include <optional>

namespace forgelink {

namespace http = boost::beast::http;

struct HttpRequestParser::Beast {
    std::optional<http::request_parser<http::string_body>> parser;
};

HttpRequestParser::HttpRequestParser(const HttpLimits &limits) : m_limits(limits), m_beast(std::make_unique<Beast>())
{
    reset();
}

HttpRequestParser::~HttpRequestParser() = default;

void HttpRequestParser::reset()
{
    auto &parser = m_beast->parser.emplace();
    parser.header_limit(std::uint32_t(m_limits.maxHeaderBytes));
    parser.body_limit(std::uint64_t(m_limits.maxBodyBytes));
    parser.eager(true); // parse body bytes as they come, not one put() per buffer
}

HttpRequestParser::State HttpRequestParser::feed(QByteArray &buffer)
{
    auto &parser = *m_beast->parser;
    while (!buffer.isEmpty()) {
        boost::system::error_code error;
        const std::size_t used = parser.put(boost::asio::const_buffer(buffer.constData(), std::size_t(buffer.size())), error);
        buffer.remove(0, qsizetype(used));
        if (error && error != http::error::need_more) {
            m_errorStatus = 400;
            m_errorReason = "malformed request: " + QByteArray::fromStdString(error.message());
            if (error == http::error::body_limit) {
                m_errorStatus = 413;
                m_errorReason = "body over " + QByteArray::number(m_limits.maxBodyBytes) + " bytes";
            } else if (error == http::error::header_limit) {
                m_errorStatus = 431;
                m_errorReason = "headers over " + QByteArray::number(m_limits.maxHeaderBytes) + " bytes";
            }
            return State::Failed;
        }
        if (parser.is_done()) {
            http::request<http::string_body> message = parser.release();
            m_request = HttpRequest();
            m_request.method = QByteArray(message.method_string().data(), int(message.method_string().size()));
            const QByteArray target(message.target().data(), int(message.target().size()));
            const qsizetype question = target.indexOf('?');
            m_request.path = question < 0 ? target : target.left(question);
            m_request.query = question < 0 ? QByteArray() : target.mid(question + 1);
            for (const auto &field : message)
                m_request.headers.append({ QByteArray(field.name_string().data(), int(field.name_string().size())),
                                           QByteArray(field.value().data(), int(field.value().size())) });
            m_request.body = QByteArray::fromStdString(message.body());
            m_keepAlive = message.keep_alive();
            reset();
            return State::Complete;
        }
        if (error == http::error::need_more || used == 0)
            break;
    }
    return parser.is_header_done() ? State::ReadingBody : State::NeedMore;
}

HttpRequest HttpRequestParser::takeRequest()
{
    return std::move(m_request);
}

bool HttpRequestParser::expectsContinue() const
{
    const auto &parser = *m_beast->parser;
    if (!parser.is_header_done())
        return false;
    const auto expect = parser.get()[http::field::expect];
    return QByteArray(expect.data(), int(expect.size())).trimmed().toLower() == "100-continue";
}

} // namespace forgelink
