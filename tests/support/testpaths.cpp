#include "testpaths.h"

#include <QDir>
#include <QFile>

#include <cstdio>
#include <cstdlib>

namespace forgelink::test {

QString TestPaths::sourceDir()
{
    return QStringLiteral(FORGELINK_SOURCE_DIR);
}

QString TestPaths::wizardBinary()
{
    return QStringLiteral(FORGELINK_WIZARD_BINARY);
}

QString TestPaths::agentBinary()
{
    return QStringLiteral(FORGELINK_AGENT_BINARY);
}

QString TestPaths::webhookFixturesDir()
{
    const QString dir = QDir(sourceDir()).absoluteFilePath(QStringLiteral("tests/fixtures/webhooks"));
    if (!QDir(dir).exists()) {
        std::fprintf(stderr, "FATAL: the webhook fixtures are missing: expected %s\n",
                     qPrintable(QDir::cleanPath(dir)));
        std::exit(3);
    }
    return QDir::cleanPath(dir);
}

QByteArray TestPaths::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool TestPaths::writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) == contents.size();
}

} // namespace forgelink::test
