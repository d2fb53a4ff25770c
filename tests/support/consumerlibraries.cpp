#include "consumerlibraries.h"

#include "testpaths.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

namespace forgelink::test {

namespace {

QString consumersDir()
{
    return QDir(TestPaths::sourceDir()).filePath(QStringLiteral("tests/consumers"));
}

} // namespace

std::optional<QString> ConsumerLibraries::missing()
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        return QStringLiteral("no Node.js here to run the consumers' verification libraries (scripts/install-deps.sh installs it)");
    for (const char *package : { "node_modules/standardwebhooks", "node_modules/@octokit/webhooks-methods" }) {
        if (!QDir(consumersDir()).exists(QLatin1String(package)))
            return QStringLiteral("%1 is not installed in tests/consumers (scripts/test.sh runs npm ci there)").arg(QLatin1String(package));
    }
    return std::nullopt;
}

QList<ConsumerLibraries::Verdict> ConsumerLibraries::verify(const QList<QJsonObject> &checks)
{
    QProcess node;
    node.setWorkingDirectory(consumersDir());
    node.start(QStringLiteral("node"), { QStringLiteral("verify.mjs") });
    QList<Verdict> verdicts;
    if (!node.waitForStarted(10'000))
        return verdicts;
    for (const QJsonObject &check : checks)
        node.write(QJsonDocument(check).toJson(QJsonDocument::Compact) + '\n');
    node.closeWriteChannel();
    node.waitForFinished(30'000);
    for (const QByteArray &line : node.readAllStandardOutput().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject answer = QJsonDocument::fromJson(line).object();
        verdicts << Verdict{ answer.value(QStringLiteral("ok")).toBool(), answer.value(QStringLiteral("reason")).toString() };
    }
    if (verdicts.size() != checks.size())
        verdicts << Verdict{ false, QString::fromUtf8(node.readAllStandardError()) };
    return verdicts;
}

} // namespace forgelink::test
