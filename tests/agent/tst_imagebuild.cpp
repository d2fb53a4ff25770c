#include "httptestclient.h"
#include "providers/providercatalogue.h"
#include "testpaths.h"
#include "webhookfixtures.h"

#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace forgelink;
using namespace forgelink::test;

// The container image, built for real by scripts/build-image.sh (its runtime stage around the
// agent this build made, on a Debian 12 base made with mmdebstrap: no registry is reachable
// here) and run with buildah: the agent in it prints its version, checks a config, serves
// /healthz and records a signed delivery.
class tst_ImageBuild : public QObject {
    Q_OBJECT

private:
    QString m_tag;
    QString m_container;

    struct Run {
        int exitCode = -1;
        QByteArray output;
    };
    static Run run(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                   int timeoutMs = 120'000)
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(program, arguments);
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
        }
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAll() };
    }
    static QStringList buildah(const QStringList &arguments) { return QStringList{ QStringLiteral("--storage-driver"), QStringLiteral("vfs") } + arguments; }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("buildah")).isEmpty() || QStandardPaths::findExecutable(QStringLiteral("mmdebstrap")).isEmpty())
            QSKIP("no buildah or mmdebstrap here (Debian: buildah mmdebstrap; scripts/install-deps.sh installs them)");
        if (geteuid() != 0)
            QSKIP("buildah here runs as root (--isolation chroot, vfs storage); run the tests as root to build the image");
        if (run(QStringLiteral("buildah"), buildah({ QStringLiteral("images") })).exitCode != 0)
            QSKIP("buildah cannot run on this machine");
        m_tag = QStringLiteral("localhost/forgelink-agent:ctest-%1").arg(QCoreApplication::applicationPid());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("FORGELINK_AGENT_BINARY"), TestPaths::agentBinary());
        environment.insert(QStringLiteral("FORGELINK_BASE_FROM_MMDEBSTRAP"), QStringLiteral("1"));
        environment.insert(QStringLiteral("FORGELINK_IMAGE_BUILDER"), QStringLiteral("buildah"));
        const Run built = run(TestPaths::sourceDir() + QStringLiteral("/scripts/build-image.sh"), { m_tag }, environment, 600'000);
        QVERIFY2(built.exitCode == 0, built.output.right(4000).constData());
        const Run from = run(QStringLiteral("buildah"), buildah({ QStringLiteral("from"), m_tag }));
        QVERIFY2(from.exitCode == 0, from.output.constData());
        m_container = QString::fromUtf8(from.output.trimmed().split('\n').last());
    }

    void cleanupTestCase()
    {
        if (!m_container.isEmpty())
            run(QStringLiteral("buildah"), buildah({ QStringLiteral("rm"), m_container }));
        if (!m_tag.isEmpty())
            run(QStringLiteral("buildah"), buildah({ QStringLiteral("rmi"), m_tag }));
    }

    void agentRunsInTheImage()
    {
        auto inImage = [this](const QStringList &arguments) {
            return run(QStringLiteral("buildah"), buildah(QStringList{ QStringLiteral("run"), QStringLiteral("--isolation"), QStringLiteral("chroot"),
                                                                       m_container, QStringLiteral("--") }
                                                          + arguments));
        };
        const Run version = inImage({ QStringLiteral("/usr/bin/forgelink-agent"), QStringLiteral("--version") });
        QVERIFY2(version.exitCode == 0 && version.output.contains("forgelink-agent " FORGELINK_VERSION), version.output.constData());
        const Run user = inImage({ QStringLiteral("id"), QStringLiteral("-u") });
        QCOMPARE(user.output.trimmed(), QByteArray("10001"));

        // A config as the wizard writes it for a container, on a free port of the host's network.
        const quint16 port = HttpTestClient::freePort();
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("agent.yaml")),
                                     QStringLiteral("listen: 127.0.0.1:%1\ndatabase: sqlite://forgelink.db\n"
                                                    "forward: [{name: pipekit, url: http://127.0.0.1:9}]\n"
                                                    "providers: {gitlab: {url: https://gitlab.acme.test, token: t, webhookSecret: gitlab-secret-value}}\n"
                                                    "sync: {daily: false}\n")
                                             .arg(port)
                                             .toUtf8()));
        const Run copied = run(QStringLiteral("buildah"), buildah({ QStringLiteral("copy"), QStringLiteral("--chown"), QStringLiteral("10001:10001"),
                                                                    m_container, dir.filePath(QStringLiteral("agent.yaml")),
                                                                    QStringLiteral("/etc/forgelink/agent.yaml") }));
        QVERIFY2(copied.exitCode == 0, copied.output.constData());
        const Run check = inImage({ QStringLiteral("/usr/bin/forgelink-agent"), QStringLiteral("check"), QStringLiteral("--config"),
                                    QStringLiteral("/etc/forgelink/agent.yaml") });
        QVERIFY2(check.exitCode == 0 && check.output.contains("fine; every secret it names was read"), check.output.constData());

        // The image's own command: serve.
        QProcess serve;
        serve.setProcessChannelMode(QProcess::MergedChannels);
        serve.start(QStringLiteral("buildah"), buildah({ QStringLiteral("run"), QStringLiteral("--isolation"), QStringLiteral("chroot"), m_container,
                                                         QStringLiteral("--"), QStringLiteral("/usr/bin/forgelink-agent"), QStringLiteral("serve"),
                                                         QStringLiteral("--config"), QStringLiteral("/etc/forgelink/agent.yaml") }));
        QVERIFY(serve.waitForStarted());
        QTRY_VERIFY2_WITH_TIMEOUT(HttpTestClient::exchange(port, "GET", "/healthz").has_value(), serve.readAll().constData(), 30'000);
        QCOMPARE(HttpTestClient::exchange(port, "GET", "/healthz")->status, 200);
        const QByteArray body = WebhookFixtures::all().at(12).body();
        const auto delivered = HttpTestClient::exchange(port, "POST", ProviderCatalogue::webhookPath(Provider::GitLab).toLatin1(),
                                                        WebhookFixtures::headers(Provider::GitLab, "Push Hook", body, "gitlab-secret-value", "in-image-1"),
                                                        body);
        QVERIFY(delivered);
        QCOMPARE(delivered->status, 202);
        serve.terminate(); // buildah passes SIGTERM on: the agent drains and exits
        if (!serve.waitForFinished(30'000)) {
            serve.kill();
            serve.waitForFinished();
        }
        QTRY_VERIFY_WITH_TIMEOUT(!HttpTestClient::exchange(port, "GET", "/healthz").has_value(), 10'000);
    }
};

QTEST_GUILESS_MAIN(tst_ImageBuild)
#include "tst_imagebuild.moc"
