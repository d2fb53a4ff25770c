#pragma once

#include "http/httplimits.h"
#include "http/httpmessage.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace forgelink {

// HTTP/1.1 request parsing on Boost.Beast's request_parser, with the header and body limits.
// Bytes are fed as they arrive; the parser takes from the front of the buffer what belongs to
// the current request and leaves the rest (the next pipelined request) where it is. It stops
// once after each header (HeaderReady), so the caller can judge the request before its body is
// read, and it refuses what RFC 9112 says must be refused: a transfer coding that does not end
// in chunked (400), codings it cannot decode (501).
class HttpRequestParser {
public:
    enum class State {
        NeedMore,    // the header is not complete yet
        HeaderReady, // head() has the method, target and headers; feed again to read the body
        ReadingBody, // the header is complete, the body is not
        Complete,    // takeRequest() has a request
        Failed       // errorStatus() and errorReason() say why; the connection must close
    };

    explicit HttpRequestParser(const HttpLimits &limits);
    ~HttpRequestParser();

    State feed(QByteArray &buffer);

    // After HeaderReady: the request without its body.
    const HttpRequest &head() const { return m_request; }
    // The Content-Length the request declared, when it declared one (chunked bodies do not).
    std::optional<qint64> declaredBodyLength() const;
    qint64 bodyBytesReceived() const;
    // True once any byte of the current request was read.
    bool started() const { return m_started; }

    HttpRequest takeRequest(); // then the parser is ready for the next request
    bool keepAlive() const { return m_keepAlive; }
    // After the header: the client waits for "100 Continue" before it sends the body.
    bool expectsContinue() const;
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorReason() const { return m_errorReason; }

    // The path of a request target: origin-form as it is, absolute-form (http://host/path, RFC
    // 9112 section 3.2.2) without its scheme and authority; the query is cut off into `query`.
    static QByteArray pathOf(const QByteArray &target, QByteArray *query);

private:
    struct Beast;
    void reset();
    State failed(int status, const QByteArray &reason);
    State headerDone();
    State complete();

    HttpLimits m_limits;
    std::unique_ptr<Beast> m_beast;
    HttpRequest m_request;
    bool m_keepAlive = true;
    bool m_started = false;
    bool m_headerReported = false;
    int m_errorStatus = 0;
    QByteArray m_errorReason;
};

} // namespace forgelink
