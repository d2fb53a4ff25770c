#include "http/httpanswerparser.h"

#include <boost/beast/http.hpp>

#include <limits>
#include <optional>

namespace forgelink {

namespace http = boost::beast::http;

namespace {

// An answer's header: a status line and a few headers; a server sending more is not a target.
constexpr std::uint32_t kMaxHeaderBytes = 64 * 1024;
// The body goes through a small scratch buffer: its first bytes are kept, the rest counted and
// dropped (a string body would reserve whatever Content-Length a server declares).
constexpr std::size_t kScratchBytes = 16 * 1024;

} // namespace

struct HttpAnswerParser::Beast {
    std::optional<http::response_parser<http::buffer_body>> parser;
    char scratch[kScratchBytes];
};

HttpAnswerParser::HttpAnswerParser(qint64 keptBodyBytes, qint64 maxBodyBytes)
    : m_keptBodyBytes(keptBodyBytes), m_maxBodyBytes(maxBodyBytes), m_beast(std::make_unique<Beast>())
{
    reset();
}

HttpAnswerParser::~HttpAnswerParser() = default;

void HttpAnswerParser::reset()
{
    auto &parser = m_beast->parser.emplace();
    parser.header_limit(kMaxHeaderBytes);
    parser.body_limit(std::numeric_limits<std::uint64_t>::max()); // counted here: the status must come through
    parser.eager(true);
    offerScratch();
    m_answer = {};
    m_bodyBytes = 0;
    m_started = false;
    m_headKept = false;
    m_error.clear();
}

bool HttpAnswerParser::headerDone() const
{
    return m_beast->parser->is_header_done();
}

bool HttpAnswerParser::keepAlive() const
{
    return m_beast->parser->is_done() && m_beast->parser->keep_alive();
}

IncomingAnswer HttpAnswerParser::takeAnswer()
{
    return std::exchange(m_answer, {});
}

void HttpAnswerParser::keepHead()
{
    if (m_headKept || !headerDone())
        return;
    m_headKept = true;
    const auto &message = m_beast->parser->get();
    m_answer.status = int(message.result_int());
    m_answer.reason = QByteArray(message.reason().data(), qsizetype(message.reason().size()));
    for (const auto &field : message)
        m_answer.headers.append({ QByteArray(field.name_string().data(), qsizetype(field.name_string().size())),
                                  QByteArray(field.value().data(), qsizetype(field.value().size())) });
}

void HttpAnswerParser::offerScratch()
{
    auto &body = m_beast->parser->get().body();
    body.data = m_beast->scratch;
    body.size = kScratchBytes;
}

void HttpAnswerParser::keepBody()
{
    auto &body = m_beast->parser->get().body();
    const qsizetype written = qsizetype(kScratchBytes - body.size);
    const qsizetype room = qsizetype(m_keptBodyBytes) - m_answer.body.size();
    if (room > 0)
        m_answer.body.append(m_beast->scratch, std::min(room, written));
    m_bodyBytes += written; // the rest is dropped as it comes
    offerScratch();
}

HttpAnswerParser::State HttpAnswerParser::finished()
{
    keepHead();
    keepBody();
    if (m_answer.status < 100) { // three digits, but no status RFC 9110 knows
        m_error = QStringLiteral("not an HTTP answer (status %1)").arg(m_answer.status);
        m_answer.status = 0;
        m_answer.error = m_error;
        return State::Failed;
    }
    return State::Complete;
}

HttpAnswerParser::State HttpAnswerParser::feed(QByteArray &buffer)
{
    qsizetype offset = 0;
    State state = State::NeedMore;
    while (offset < buffer.size()) {
        auto &parser = *m_beast->parser;
        m_started = true;
        boost::beast::error_code error;
        const std::size_t used = parser.put(boost::asio::const_buffer(buffer.constData() + offset, std::size_t(buffer.size() - offset)), error);
        offset += qsizetype(used);
        keepHead();
        keepBody();
        if (error == http::error::need_buffer)
            error = {};
        if (!error && m_bodyBytes > m_maxBodyBytes) {
            m_error = QStringLiteral("the answer's body is longer than %1 KiB; cut off").arg(m_maxBodyBytes / 1024);
            m_answer.error = m_error;
            state = State::Failed;
            break;
        }
        if (error == http::error::need_more) {
            if (used == 0)
                break;
            continue;
        }
        if (error) {
            m_error = error == http::error::header_limit ? QStringLiteral("the answer's header is longer than %1 KiB").arg(kMaxHeaderBytes / 1024)
                                                          : QStringLiteral("not an HTTP answer (%1)").arg(QString::fromStdString(error.message()));
            m_answer.error = m_error;
            state = State::Failed;
            break;
        }
        if (parser.is_done()) {
            const int status = int(parser.get().result_int());
            if (status >= 100 && status < 200 && status != 101) {
                reset(); // an interim answer: the real one follows
                continue;
            }
            state = finished();
            break;
        }
    }
    buffer.remove(0, offset);
    return state;
}

HttpAnswerParser::State HttpAnswerParser::endOfStream()
{
    auto &parser = *m_beast->parser;
    if (parser.is_done())
        return finished();
    boost::beast::error_code error;
    if (m_started) // Beast would take nothing at all for a whole answer
        parser.put_eof(error);
    keepHead();
    keepBody();
    if (m_started && !error && parser.is_done())
        return finished();
    m_error = m_started ? QStringLiteral("the connection closed in the middle of the answer") : QStringLiteral("the connection closed without an answer");
    m_answer.error = m_error;
    return State::Failed;
}

} // namespace forgelink
