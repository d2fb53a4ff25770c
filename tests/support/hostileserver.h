#pragma once

#include <QTcpServer>

#include <functional>

namespace forgelink::test {

// A loopback server as unkind as a broken or hostile one: it answers every request with `head`,
// then feeds a body through `more` whenever the socket has room (every `everyMs`): answers that
// never end, that trickle a byte at a time, or heads that never complete.
class HostileServer : public QTcpServer {
public:
    HostileServer(QByteArray head, std::function<QByteArray()> more, int everyMs = 0);

    QString url() const;
    int connections = 0;
    int requests = 0; // requests that began (their first bytes arrived)
};

} // namespace forgelink::test
