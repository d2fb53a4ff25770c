#pragma once

#include <QObject>
#include <QString>

namespace forgelink {

// Tells systemd how the agent is doing (sd_notify): READY=1 once it listens and its store is
// open, so `Type=notify` units start what depends on it only then; STOPPING=1 when it drains.
// Outside systemd (no NOTIFY_SOCKET) every call does nothing.
class ServiceManager {
public:
    static void ready(const QString &status);
    static void stopping();
    // With WatchdogSec= in the unit: WATCHDOG=1 from the event loop at half the interval, so
    // systemd restarts an agent whose loop is stuck. A timer owned by `owner`; nothing otherwise.
    static void startWatchdog(QObject *owner);
};

} // namespace forgelink
