#pragma once

#include "crypto/secretgenerator.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>

namespace forgelink::test {

// A loopback Forgejo API, as unkind as the real one where the listing is concerned: every answer
// carries Forgejo's JSON content type, a list carries X-Total-Count and Link (rel="next" while
// pages are left, rel="last"), `limit` is capped at 50 (Forgejo's MAX_RESPONSE_ITEMS), and a
// missing or wrong token gets 401 with Forgejo's {"message", "url"} body.
class FakeForgejo : public QObject {
    Q_OBJECT

public:
    explicit FakeForgejo(QObject *parent = nullptr);

    bool start();
    QString baseUrl() const;
    void addRepos(int count);

    QByteArray token = SecretGenerator::generate(24).toUtf8(); // the one token it accepts
    int requests = 0;

private:
    void answer(QTcpSocket *socket, const QByteArray &head);

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_heads;
    QList<QByteArray> m_repos; // each one's JSON object
};

} // namespace forgelink::test
