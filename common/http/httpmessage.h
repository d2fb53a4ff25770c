#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace forgelink {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// A complete request as the HTTP server hands it to the routes.
struct HttpRequest {
    QByteArray method;
    QByteArray path;   // without the query
    QByteArray query;
    HttpHeaders headers;
    QByteArray body;
    QHostAddress peer;
};

struct HttpResponse {
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    HttpHeaders headers;

    static HttpResponse text(int status, const QByteArray &body)
    {
        HttpResponse response;
        response.status = status;
        response.body = body.endsWith('\n') || body.isEmpty() ? body : body + '\n';
        return response;
    }
};

} // namespace forgelink
