#include "http/httprequestparser.h"

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
    parser.eager(false); // stop after the header; eager again for the body (headerDone)
    m_started = false;
    m_headerReported = false;
}

HttpRequestParser::State HttpRequestParser::failed(int status, const QByteArray &reason)
{
    m_errorStatus = status;
    m_errorReason = reason;
    return State::Failed;
}

QByteArray HttpRequestParser::pathOf(const QByteArray &target, QByteArray *query)
{
    QByteArray path = target;
    if (path.startsWith("http://") || path.startsWith("https://") || path.startsWith("HTTP://") || path.startsWith("HTTPS://")) {
        const qsizetype authority = path.indexOf("://") + 3;
        const qsizetype slash = path.indexOf('/', authority);
        const qsizetype question = path.indexOf('?', authority);
        if (slash < 0 || (question >= 0 && question < slash))
            path = "/" + (question >= 0 ? path.mid(question) : QByteArray());
        else
            path = path.mid(slash);
    }
    const qsizetype question = path.indexOf('?');
    if (query)
        *query = question < 0 ? QByteArray() : path.mid(question + 1);
    return question < 0 ? path : path.left(question);
}

// The header is whole: check what RFC 9112 asks of it, keep the head for the caller, and read the
// body eagerly from now on.
HttpRequestParser::State HttpRequestParser::headerDone()
{
    m_headerReported = true;
    auto &parser = *m_beast->parser;
    const auto &header = parser.get();
    // Transfer-Encoding (section 6.1 and 6.3): the final coding must be chunked, or the length of
    // the body cannot be known and the bytes after the header would parse as another request.
    QList<QByteArray> codings;
    for (auto field = header.find(http::field::transfer_encoding); field != header.end() && field->name() == http::field::transfer_encoding;
         ++field) {
        for (const QByteArray &coding : QByteArray(field->value().data(), qsizetype(field->value().size())).split(',')) {
            const QByteArray trimmed = coding.trimmed().toLower();
            if (!trimmed.isEmpty())
                codings << trimmed;
        }
    }
    if (!codings.isEmpty()) {
        if (codings.last() != "chunked")
            return failed(400, "Transfer-Encoding must end with chunked, got \"" + codings.join(", ") + '"');
        if (codings.size() > 1)
            return failed(501, "Transfer-Encoding " + codings.join(", ") + " is not supported; send chunked or a Content-Length");
    }
    m_request = HttpRequest();
    m_request.method = QByteArray(header.method_string().data(), qsizetype(header.method_string().size()));
    m_request.path = pathOf(QByteArray(header.target().data(), qsizetype(header.target().size())), &m_request.query);
    for (const auto &field : header)
        m_request.headers.append({ QByteArray(field.name_string().data(), qsizetype(field.name_string().size())),
                                   QByteArray(field.value().data(), qsizetype(field.value().size())) });
    parser.eager(true); // the body: as many bytes per put() as there are
    return State::HeaderReady;
}

HttpRequestParser::State HttpRequestParser::complete()
{
    auto &parser = *m_beast->parser;
    http::request<http::string_body> message = parser.release();
    m_request.body = QByteArray::fromStdString(message.body());
    m_keepAlive = message.keep_alive();
    reset();
    return State::Complete;
}

HttpRequestParser::State HttpRequestParser::feed(QByteArray &buffer)
{
    auto &parser = *m_beast->parser;
    if (m_headerReported && parser.is_done())
        return complete();
    if (!m_started) {
        // A server ignores empty lines before a request line (RFC 9112 section 2.2).
        qsizetype skip = 0;
        while (skip < buffer.size() && (buffer.at(skip) == '\r' || buffer.at(skip) == '\n'))
            ++skip;
        buffer.remove(0, skip);
        if (buffer.isEmpty())
            return State::NeedMore;
        m_started = true;
    }
    while (!buffer.isEmpty()) {
        boost::system::error_code error;
        const std::size_t used = parser.put(boost::asio::const_buffer(buffer.constData(), std::size_t(buffer.size())), error);
        buffer.remove(0, qsizetype(used));
        if (error && error != http::error::need_more) {
            if (error == http::error::body_limit)
                return failed(413, "body over " + QByteArray::number(m_limits.maxBodyBytes) + " bytes");
            if (error == http::error::header_limit)
                return failed(431, "headers over " + QByteArray::number(m_limits.maxHeaderBytes) + " bytes");
            return failed(400, "malformed request: " + QByteArray::fromStdString(error.message()));
        }
        if (!m_headerReported && parser.is_header_done())
            return headerDone();
        if (parser.is_done())
            return complete();
        if (error == http::error::need_more || used == 0)
            break;
    }
    return parser.is_header_done() ? State::ReadingBody : State::NeedMore;
}

std::optional<qint64> HttpRequestParser::declaredBodyLength() const
{
    const auto length = m_beast->parser->content_length();
    if (!length)
        return std::nullopt;
    return qint64(*length);
}

qint64 HttpRequestParser::bodyBytesReceived() const
{
    return qint64(m_beast->parser->get().body().size());
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
