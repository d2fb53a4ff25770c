#include "servicemanager.h"

#include <QTimer>

#include <systemd/sd-daemon.h>

#include <algorithm>

namespace forgelink {

void ServiceManager::ready(const QString &status)
{
    const QByteArray message = "READY=1\nSTATUS=" + status.toUtf8();
    sd_notify(0, message.constData());
}

void ServiceManager::startWatchdog(QObject *owner)
{
    uint64_t intervalUs = 0;
    if (sd_watchdog_enabled(0, &intervalUs) <= 0 || intervalUs == 0)
        return;
    auto *timer = new QTimer(owner);
    timer->setInterval(std::max<int>(1, int(intervalUs / 2000)));
    QObject::connect(timer, &QTimer::timeout, [] { sd_notify(0, "WATCHDOG=1"); });
    timer->start();
}

void ServiceManager::stopping()
{
    sd_notify(0, "STOPPING=1\nSTATUS=stopping: finishing open requests");
}

} // namespace forgelink
