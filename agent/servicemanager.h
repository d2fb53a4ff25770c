#pragma once

#include <QString>

namespace forgelink {

// Tells systemd how the agent is doing (sd_notify): READY=1 once it listens and its store is
// open, so `Type=notify` units start what depends on it only then; STOPPING=1 when it drains.
// Outside systemd (no NOTIFY_SOCKET) every call does nothing.
class ServiceManager {
public:
    static void ready(const QString &status);
    static void stopping();
};

} // namespace forgelink
