#include "agentcli.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("forgelink-agent"));
    QCoreApplication::setOrganizationName(QStringLiteral("forgelink"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FORGELINK_VERSION));
    return forgelink::AgentCli::run(QCoreApplication::arguments());
}
