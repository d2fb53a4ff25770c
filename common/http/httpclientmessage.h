#pragma once

#include "http/httpmessage.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace forgelink {

// A request HttpClient sends: one POST (or another method) with its body in one piece.
struct OutgoingRequest {
    QByteArray method = "POST";
    QUrl url;
    HttpHeaders headers; // Host and Content-Length are added; a User-Agent when none is given
    QByteArray body;
};

// What came back, as much as is kept of it.
struct IncomingAnswer {
    int status = 0;       // 0: no HTTP answer (error says why)
    QByteArray reason;    // the status line's reason phrase
    HttpHeaders headers;
    QByteArray body;      // its first bytes only (HttpClient's keptBodyBytes)
    QString error;        // why there is no complete answer: a network error, a cut-off answer
    bool timedOut = false; // not complete within the request's deadline

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

} // namespace forgelink
