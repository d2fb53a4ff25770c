#pragma once

#include "agentconfig.h"
#include "httpmessage.h"

#include <QByteArray>

#include <memory>

namespace forgelink {

// HTTP/1.1 request parsing on Boost.Beast's request_parser, with the header and body limits.
// Bytes are fed as they arrive; the parser takes from the front of the buffer what belongs to
// the current request and leaves the rest (the next pipelined request) where it is.
class HttpRequestParser {
public:
    enum class State {
        NeedMore,   // the header is not complete yet
        ReadingBody,// the header is complete, the body is not
        Complete,   // takeRequest() has a request
        Failed      // errorStatus() and errorReason() say why; the connection must close
    };

    explicit HttpRequestParser(const HttpLimits &limits);
    ~HttpRequestParser();

    State feed(QByteArray &buffer);

    HttpRequest takeRequest(); // then the parser is ready for the next request
    bool keepAlive() const { return m_keepAlive; }
    // After the header: the client waits for "100 Continue" before it sends the body.
    bool expectsContinue() const;
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorReason() const { return m_errorReason; }

private:
    struct Beast;
    void reset();

    HttpLimits m_limits;
    std::unique_ptr<Beast> m_beast;
    HttpRequest m_request;
    bool m_keepAlive = true;
    int m_errorStatus = 0;
    QByteArray m_errorReason;
};

} // namespace forgelink
