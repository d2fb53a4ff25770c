// Sync benchmark: 10,000 repositories per provider from the loopback fakes, listed by the real
// forgelink-agent binary (`sync --provider P`), twice. Reports the calls made against the
// minimum, wall time, the agent's peak RSS (GNU time) and the rows written by the second run.
#include "fakeproviderapi.h"
#include "testkeys.h"
#include "testpaths.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace forgelink;
using namespace forgelink::test;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    qint64 wallMs = 0;
    qint64 peakRssKiB = 0;
};

Run runAgent(const QStringList &arguments)
{
    QProcess process;
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral("/usr/bin/time"), QStringList{ QStringLiteral("-f"), QStringLiteral("maxrss=%M"), TestPaths::agentBinary() } + arguments);
    process.waitForStarted();
    QEventLoop loop; // the fakes answer from this process's event loop
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    Run run;
    run.wallMs = clock.elapsed();
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    const auto match = QRegularExpression(QStringLiteral("maxrss=(\\d+)")).match(run.err);
    run.peakRssKiB = match.hasMatch() ? match.captured(1).toLongLong() : 0;
    return run;
}

int number(const QString &text, const QString &pattern)
{
    const auto match = QRegularExpression(pattern).match(text);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLatin1(argv[1]).toInt() : 10'000;
    QTextStream out(stdout);
    QTemporaryDir dir;
    TestPaths::writeFile(dir.filePath(QStringLiteral("app.pem")), TestKeys::rsaPrivateKeyPem());

    out << QStringLiteral("%1 repositories per provider\n").arg(count);
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                   .arg(QStringLiteral("provider"), -13)
                   .arg(QStringLiteral("calls"), 6)
                   .arg(QStringLiteral("minimum"), 8)
                   .arg(QStringLiteral("wall ms"), 8)
                   .arg(QStringLiteral("RSS MiB"), 8)
                   .arg(QStringLiteral("2nd run rows"), 13)
                   .arg(QStringLiteral("2nd run 304s / calls"), 21);
    int status = 0;
    for (Provider provider : allProviders()) {
        FakeProviderApi fake(provider);
        fake.githubPublicKeyPem = TestKeys::rsaPublicKeyPem();
        const int owners = provider == Provider::AzureDevOps ? 100 : 10;
        fake.addRepos(count, owners, 1);
        if (!fake.start())
            return 1;
        const QString id = providerId(provider);
        QByteArray section;
        switch (provider) {
        case Provider::GitHub:
            section = QStringLiteral("github: {apiUrl: %1, appId: %2, privateKey: file:app.pem, webhookSecret: s}").arg(fake.baseUrl(), fake.appId).toUtf8();
            break;
        case Provider::GitLab:
            section = QStringLiteral("gitlab: {url: %1, token: %2, webhookSecret: s}").arg(fake.baseUrl(), QString::fromUtf8(fake.token)).toUtf8();
            break;
        case Provider::Bitbucket:
            section = QStringLiteral("bitbucket: {url: %1, token: %2, webhookSecret: s}").arg(fake.baseUrl(), QString::fromUtf8(fake.token)).toUtf8();
            break;
        case Provider::AzureDevOps:
            section = QStringLiteral("azureDevOps: {organizationUrl: %1, token: %2, webhookBasicAuthUser: u, webhookBasicAuthPass: p}")
                              .arg(fake.baseUrl(), QString::fromUtf8(fake.token))
                              .toUtf8();
            break;
        }
        const QString config = dir.filePath(id + QStringLiteral(".yaml"));
        TestPaths::writeFile(config, "database: sqlite://" + id.toUtf8() + ".db\nproviders:\n  " + section + "\n");
        const QStringList arguments{ QStringLiteral("sync"), QStringLiteral("--provider"), id, QStringLiteral("--config"), config };

        const Run first = runAgent(arguments);
        fake.clearRequests();
        const Run second = runAgent(arguments);
        if (first.exitCode != 0 || second.exitCode != 0) {
            out << id << ": sync failed: " << first.err << second.err << '\n';
            status = 1;
            continue;
        }
        const int calls = number(first.out, QStringLiteral("; (\\d+) API calls"));
        const int minimum = provider == Provider::GitHub      ? (count + 99) / 100 + 2 // + installations + token
                            : provider == Provider::GitLab    ? (count + 99) / 100
                            : provider == Provider::Bitbucket ? (count + 999) / 1000
                                                              : owners + 1;
        const int rows = number(second.out, QStringLiteral("(\\d+) added")) + number(second.out, QStringLiteral("(\\d+) updated"))
                + number(second.out, QStringLiteral("(\\d+) removed"));
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                       .arg(id, -13)
                       .arg(calls, 6)
                       .arg(minimum, 8)
                       .arg(first.wallMs, 8)
                       .arg(double(std::max(first.peakRssKiB, second.peakRssKiB)) / 1024.0, 8, 'f', 1)
                       .arg(rows, 13)
                       .arg(QStringLiteral("%1 / %2").arg(fake.statusCount(304)).arg(fake.requests().size()), 21);
        out.flush();
    }
    return status;
}
