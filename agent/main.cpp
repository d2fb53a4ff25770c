#include "agentcli.h"
#include "log/logformat.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    // The log's format and level come from the command line (AgentCli); until then, the same text
    // lines at info.
    forgelink::LogFormat::install(QtInfoMsg, forgelink::LogFormat::Style::Text);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("forgelink-agent"));
    QCoreApplication::setOrganizationName(QStringLiteral("forgelink"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FORGELINK_VERSION));
    return forgelink::AgentCli::run(QCoreApplication::arguments());
}
