#pragma once

#include "http/httpclientmessage.h"

#include <QByteArray>

#include <memory>

namespace forgelink {

// HTTP/1.1 answer parsing on Boost.Beast's response_parser, for HttpClient: bytes are fed as they
// arrive; the status line, headers and the first `keptBodyBytes` of the body are kept, the rest of
// the body up to `maxBodyBytes` is read and dropped (so that the connection can carry the next
// request); a longer body or header fails the parse, the status (when it came) still stands.
// Interim answers (1xx) are skipped.
class HttpAnswerParser {
public:
    enum class State {
        NeedMore,
        Complete, // answer() is whole
        Failed    // error() says why; the connection must close
    };

    HttpAnswerParser(qint64 keptBodyBytes, qint64 maxBodyBytes);
    ~HttpAnswerParser();

    void reset();
    // Takes what it uses from the front of the buffer.
    State feed(QByteArray &buffer);
    // The server closed the connection: the end of a body delimited so, or a cut-off answer.
    State endOfStream();

    // Whatever arrived of the answer: status and headers once the header is whole.
    const IncomingAnswer &answer() const { return m_answer; }
    IncomingAnswer takeAnswer();
    bool started() const { return m_started; }
    // After Complete: whether the connection may carry another request.
    bool keepAlive() const;
    QString error() const { return m_error; }

private:
    struct Beast;
    bool headerDone() const;
    State finished();
    void keepHead();
    void keepBody();
    void offerScratch();

    qint64 m_keptBodyBytes;
    qint64 m_maxBodyBytes;
    std::unique_ptr<Beast> m_beast;
    IncomingAnswer m_answer;
    qint64 m_bodyBytes = 0;
    bool m_started = false;
    bool m_headKept = false;
    QString m_error;
};

} // namespace forgelink
