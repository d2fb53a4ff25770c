#include "agentcli.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    // Operators read these lines in journald or kubectl logs: time, level, area, message.
    if (!qEnvironmentVariableIsSet("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("forgelink-agent"));
    QCoreApplication::setOrganizationName(QStringLiteral("forgelink"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FORGELINK_VERSION));
    return forgelink::AgentCli::run(QCoreApplication::arguments());
}
