#include "servicemanager.h"

#include <systemd/sd-daemon.h>

namespace forgelink {

void ServiceManager::ready(const QString &status)
{
    const QByteArray message = "READY=1\nSTATUS=" + status.toUtf8();
    sd_notify(0, message.constData());
}

void ServiceManager::stopping()
{
    sd_notify(0, "STOPPING=1\nSTATUS=stopping: finishing open requests");
}

} // namespace forgelink
