#include "fakeforgejo.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

namespace forgelink::test {

FakeForgejo::FakeForgejo(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            // A GET's head, read until its blank line; then one answer and the connection closed.
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                QByteArray &head = m_heads[socket];
                head += socket->readAll();
                if (const qsizetype end = head.indexOf("\r\n\r\n"); end >= 0)
                    answer(socket, head.left(end));
            });
            connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
                m_heads.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

bool FakeForgejo::start()
{
    return m_server.listen(QHostAddress::LocalHost);
}

QString FakeForgejo::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
}

void FakeForgejo::addRepos(int count)
{
    for (int i = 0; i < count; ++i) {
        const qint64 id = 1000 + m_repos.size();
        const QString name = QStringLiteral("repo%1").arg(m_repos.size());
        m_repos << QJsonDocument(QJsonObject{ { QStringLiteral("id"), id },
                                              { QStringLiteral("name"), name },
                                              { QStringLiteral("full_name"), QStringLiteral("acme/") + name },
                                              { QStringLiteral("default_branch"), QStringLiteral("main") },
                                              { QStringLiteral("private"), true },
                                              { QStringLiteral("archived"), false },
                                              { QStringLiteral("html_url"), baseUrl() + QStringLiteral("/acme/") + name },
                                              { QStringLiteral("clone_url"), baseUrl() + QStringLiteral("/acme/") + name + QStringLiteral(".git") } })
                           .toJson(QJsonDocument::Compact);
    }
}

void FakeForgejo::answer(QTcpSocket *socket, const QByteArray &head)
{
    ++requests;
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    const QUrl target(QString::fromLatin1(requestLine.value(1)));
    QByteArray authorization;
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare("Authorization", Qt::CaseInsensitive) == 0)
            authorization = line.mid(colon + 1).trimmed();
    }

    int status = 200;
    QByteArray body;
    QList<QByteArray> headers{ "Content-Type: application/json;charset=utf-8", "X-Content-Type-Options: nosniff" };
    if (requestLine.value(0) != "GET" || target.path() != u"/api/v1/user/repos") {
        status = 404;
        body = R"({"message":"not found","url":")" + baseUrl().toUtf8() + R"(/api/swagger"})";
    } else if (authorization != "token " + token) {
        status = 401;
        body = R"({"message":"token is required","url":")" + baseUrl().toUtf8() + R"(/api/swagger"})";
    } else {
        const QUrlQuery query(target);
        const int page = qMax(1, query.queryItemValue(QStringLiteral("page")).toInt());
        const int limit = qBound(1, query.queryItemValue(QStringLiteral("limit")).toInt(), 50);
        const int pages = qMax(1, int((m_repos.size() + limit - 1) / limit));
        body = '[' + m_repos.mid((page - 1) * limit, limit).join(',') + ']';
        headers << "X-Total-Count: " + QByteArray::number(m_repos.size());
        auto link = [this, limit](int to) {
            return QStringLiteral("<%1/api/v1/user/repos?page=%2&limit=%3>").arg(baseUrl()).arg(to).arg(limit).toUtf8();
        };
        QByteArrayList links;
        if (page < pages)
            links << link(page + 1) + "; rel=\"next\"";
        links << link(pages) + "; rel=\"last\"";
        headers << "Link: " + links.join(',');
    }
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : status == 401 ? " Unauthorized" : " Not Found") + "\r\n";
    for (const QByteArray &header : headers)
        response += header + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    socket->write(response);
    socket->disconnectFromHost();
}

} // namespace forgelink::test
