#include "testpaths.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace forgelink::test;

// The systemd unit as `cmake --install` puts it: systemd accepts it, its ExecStart is where the
// agent is installed, and the agent tells systemd when it is ready and when it stops (Type=notify).
class tst_SystemdUnit : public QObject {
    Q_OBJECT

private:
    static QString buildDir() { return QFileInfo(TestPaths::agentBinary()).absolutePath() + QStringLiteral("/.."); }

    // A datagram socket where the agent's sd_notify messages arrive, as systemd's NOTIFY_SOCKET.
    class NotifySocket {
    public:
        explicit NotifySocket(const QString &path) : m_path(path)
        {
            m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            sockaddr_un address{};
            address.sun_family = AF_UNIX;
            qstrncpy(address.sun_path, QFile::encodeName(path).constData(), sizeof(address.sun_path));
            m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
        }
        ~NotifySocket()
        {
            if (m_fd >= 0)
                ::close(m_fd);
        }
        bool isBound() const { return m_bound; }
        // Everything received so far, without waiting.
        QByteArray take()
        {
            QByteArray all;
            char buffer[4096];
            ssize_t size;
            while ((size = ::recv(m_fd, buffer, sizeof(buffer), MSG_DONTWAIT)) > 0)
                all.append(buffer, size).append('\n');
            return all;
        }

    private:
        QString m_path;
        int m_fd = -1;
        bool m_bound = false;
    };

private Q_SLOTS:
    void verifies()
    {
        const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
        if (analyze.isEmpty())
            QSKIP("systemd-analyze is missing (Debian: systemd); the unit is not verified");
        // The copy configured with the agent in the build folder: verify checks ExecStart exists.
        const QString unit = buildDir() + QStringLiteral("/agent/systemd-build/forgelink-agent.service");
        QVERIFY2(QFileInfo::exists(unit), qPrintable(unit));
        QProcess verify;
        verify.setProcessChannelMode(QProcess::MergedChannels);
        verify.start(analyze, { QStringLiteral("verify"), unit });
        QVERIFY(verify.waitForFinished(60'000));
        const QByteArray output = verify.readAll();
        QVERIFY2(verify.exitCode() == 0, output.constData());
        QVERIFY2(!output.contains("forgelink-agent.service"), output.constData()); // no warning about our unit
    }

    // `cmake --install` puts the agent where the installed unit's ExecStart says, and the
    // sysusers.d entry that creates the unit's User.
    void installedUnitStartsTheInstalledAgent()
    {
        QTemporaryDir destination;
        QProcess install;
        install.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DESTDIR"), destination.path());
        install.setProcessEnvironment(environment);
        install.start(QStringLiteral("cmake"), { QStringLiteral("--install"), buildDir() });
        QVERIFY(install.waitForFinished(120'000));
        const QString log = QString::fromUtf8(install.readAll());
        QVERIFY2(install.exitCode() == 0, qPrintable(log));

        const QRegularExpression unitLine(QStringLiteral("Installing: %1(/.*/lib/systemd/system/forgelink-agent.service)")
                                                  .arg(QRegularExpression::escape(destination.path())));
        const QRegularExpressionMatch installedUnit = unitLine.match(log);
        QVERIFY2(installedUnit.hasMatch(), qPrintable(log));
        const QString unit = QString::fromUtf8(TestPaths::readFile(destination.path() + installedUnit.captured(1)));
        const QRegularExpressionMatch execStart = QRegularExpression(QStringLiteral("^ExecStart=(\\S+) serve --config (\\S+)$"),
                                                                     QRegularExpression::MultilineOption)
                                                          .match(unit);
        QVERIFY2(execStart.hasMatch(), qPrintable(unit));
        const QFileInfo agent(destination.path() + execStart.captured(1));
        QVERIFY2(agent.isExecutable(), qPrintable(agent.filePath()));
        QCOMPARE(execStart.captured(2), QStringLiteral("/etc/forgelink/agent.yaml"));
        QVERIFY(unit.contains(QStringLiteral("\nType=notify\n")));
        QVERIFY(unit.contains(QStringLiteral("\nWatchdogSec=")));
        QVERIFY(unit.contains(QStringLiteral("\nUser=forgelink\n")));
        QVERIFY(unit.contains(QStringLiteral("\nStateDirectory=forgelink\n")));
        QVERIFY(!unit.contains(QStringLiteral("DynamicUser")));

        const QString sysusers = QFileInfo(installedUnit.captured(1)).absolutePath() + QStringLiteral("/../../sysusers.d/forgelink.conf");
        QVERIFY2(TestPaths::readFile(destination.path() + sysusers).contains("u forgelink "), qPrintable(sysusers));
    }

    // READY=1 only once the agent answers, WATCHDOG=1 while it runs, STOPPING=1 when SIGTERM drains it.
    void notifiesWhenReadyAndStopping()
    {
        QTemporaryDir dir;
        const QString socketPath = dir.filePath(QStringLiteral("notify"));
        NotifySocket notify(socketPath);
        QVERIFY(notify.isBound());
        const QString config = dir.filePath(QStringLiteral("agent.yaml"));
        QVERIFY(TestPaths::writeFile(config, "listen: 127.0.0.1:0\ndatabase: sqlite://state.db\n"
                                             "providers: {gitlab: {url: http://127.0.0.1:9, token: t, webhookSecret: s}}\n"
                                             "sync: {daily: false}\n"));
        // The state folder systemd would make; the relative database goes there.
        const QString state = dir.filePath(QStringLiteral("state"));
        QVERIFY(QDir().mkpath(state));

        QProcess agent;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("NOTIFY_SOCKET"), socketPath);
        environment.insert(QStringLiteral("STATE_DIRECTORY"), state);
        environment.insert(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("300000")); // WatchdogSec=0.3s
        agent.setProcessEnvironment(environment);
        agent.setProcessChannelMode(QProcess::MergedChannels);
        agent.start(TestPaths::agentBinary(), { QStringLiteral("serve"), QStringLiteral("--config"), config });
        QVERIFY(agent.waitForStarted());
        QByteArray messages;
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((messages += notify.take()).contains("READY=1"), 15'000);
        // The log line is written before READY=1, but the pipe may not have brought it here yet.
        QTRY_VERIFY2_WITH_TIMEOUT((log += agent.readAll()).contains("listening on"), log.constData(), 10'000);
        QVERIFY2(messages.contains("STATUS=listening on port "), messages.constData());
        QVERIFY(QFileInfo::exists(state + QStringLiteral("/state.db")));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("state.db"))));
        // The watchdog is fed at half its interval while the agent runs.
        QTRY_VERIFY_WITH_TIMEOUT((messages += notify.take()).count("WATCHDOG=1") >= 3, 5'000);

        agent.terminate();
        QVERIFY(agent.waitForFinished(30'000));
        QCOMPARE(agent.exitCode(), 0);
        messages += notify.take();
        QVERIFY2(messages.contains("STOPPING=1"), messages.constData());
    }
};

QTEST_GUILESS_MAIN(tst_SystemdUnit)
#include "tst_systemdunit.moc"
