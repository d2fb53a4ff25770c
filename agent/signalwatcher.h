#pragma once

#include <QObject>

class QSocketNotifier;

namespace forgelink {

// Brings SIGTERM, SIGINT and SIGHUP into the event loop. The handler only writes the signal's
// number to a socket pair; Qt reads it there, so no Qt code ever runs inside a signal handler.
class SignalWatcher : public QObject {
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminate(int signal); // SIGTERM or SIGINT
    void hangup();              // SIGHUP

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace forgelink
