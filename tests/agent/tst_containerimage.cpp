#include "testpaths.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace forgelink::test;

// The Dockerfile cannot be built here (no container engine), so this checks what would break
// it: every shared library the agent loads comes from a package its runtime stage installs
// (directly or through their dependencies, as dpkg records them on this Debian machine); the
// build stage installs only what the agent's build needs; the image runs as a non-root user.
class tst_ContainerImage : public QObject {
    Q_OBJECT

private:
    QString m_dockerfile;

    static QString run(const QString &program, const QStringList &arguments, int *exitCode = nullptr)
    {
        QProcess process;
        process.start(program, arguments);
        process.waitForFinished(60'000);
        if (exitCode)
            *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        return QString::fromUtf8(process.readAllStandardOutput());
    }

    // The text of the stage that starts at the n-th FROM (0-based), continuation lines joined.
    QString stage(int n) const
    {
        QString joined = m_dockerfile;
        joined.replace(QRegularExpression(QStringLiteral("\\\\\\n\\s*")), QStringLiteral(" "));
        const QStringList stages = joined.split(QRegularExpression(QStringLiteral("^FROM "), QRegularExpression::MultilineOption));
        return stages.value(n + 1);
    }

    // The package behind a file, trying the other half of Debian's merged /usr when needed.
    static QString owningPackage(const QString &path)
    {
        QStringList candidates{ path, QFileInfo(path).canonicalFilePath() };
        for (const QString &candidate : QStringList(candidates)) {
            if (candidate.startsWith(QLatin1String("/usr/lib/")))
                candidates << candidate.mid(4);
            else if (candidate.startsWith(QLatin1String("/lib")))
                candidates << QStringLiteral("/usr") + candidate;
        }
        for (const QString &candidate : candidates) {
            int exitCode = 0;
            const QString owner = run(QStringLiteral("dpkg-query"), { QStringLiteral("-S"), candidate }, &exitCode);
            if (exitCode == 0 && !owner.isEmpty())
                return owner.section(QLatin1Char(':'), 0, 0).trimmed();
        }
        return {};
    }

    // The packages these ones depend on, recursively (Depends and Pre-Depends, every alternative).
    static QSet<QString> dependencyClosure(const QStringList &roots)
    {
        QSet<QString> seen;
        QStringList queue = roots;
        while (!queue.isEmpty()) {
            const QString package = queue.takeFirst();
            if (seen.contains(package))
                continue;
            seen.insert(package);
            const QString depends = run(QStringLiteral("dpkg-query"),
                                        { QStringLiteral("-W"), QStringLiteral("-f=${Depends}, ${Pre-Depends}"), package });
            for (const QString &clause : depends.split(QRegularExpression(QStringLiteral("[,|]")), Qt::SkipEmptyParts)) {
                const QString name = clause.trimmed().section(QLatin1Char(' '), 0, 0).section(QLatin1Char(':'), 0, 0);
                if (!name.isEmpty())
                    queue << name;
            }
        }
        return seen;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dockerfile = QString::fromUtf8(TestPaths::readFile(TestPaths::sourceDir() + QStringLiteral("/Dockerfile")));
        QVERIFY(!m_dockerfile.isEmpty());
        if (QStandardPaths::findExecutable(QStringLiteral("dpkg-query")).isEmpty())
            QSKIP("dpkg-query is missing: the libraries are checked against Debian's packages");
    }

    void runtimeStageHasEveryLibrary()
    {
        const QString runtime = stage(1);
        const QRegularExpressionMatch install = QRegularExpression(QStringLiteral("apt-get install ([^&]*)")).match(runtime);
        QVERIFY2(install.hasMatch(), qPrintable(runtime));
        QStringList installed;
        for (const QString &word : install.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (!word.startsWith(QLatin1Char('-')))
                installed << word;
        }
        QVERIFY(installed.contains(QStringLiteral("ca-certificates")));
        const QSet<QString> available = dependencyClosure(installed);

        const QString ldd = run(QStringLiteral("ldd"), { TestPaths::agentBinary() });
        const QRegularExpression resolved(QStringLiteral("=> (/\\S+)"));
        QStringList missing;
        int libraries = 0;
        for (const QRegularExpressionMatch &match : resolved.globalMatch(ldd)) {
            ++libraries;
            const QString package = owningPackage(match.captured(1));
            if (package.isEmpty())
                missing << match.captured(1) + QStringLiteral(" (no package owns it here)");
            else if (!available.contains(package))
                missing << match.captured(1) + QStringLiteral(" from ") + package;
        }
        QVERIFY2(libraries > 10, qPrintable(ldd));
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("the runtime stage installs no package with:\n  ") + missing.join(QStringLiteral("\n  "))));
        // Qt loads the SQL drivers as plugins, which ldd does not list.
        QVERIFY(installed.contains(QStringLiteral("libqt6sql6-sqlite")));
        QVERIFY(installed.contains(QStringLiteral("libqt6sql6-psql")));
    }

    void runtimeStageRunsTheAgentUnprivileged()
    {
        const QString runtime = stage(1);
        QVERIFY2(runtime.contains(QStringLiteral("COPY --from=build /src/build/agent/forgelink-agent /usr/bin/forgelink-agent")), qPrintable(runtime));
        const QRegularExpressionMatch user = QRegularExpression(QStringLiteral("^USER (\\S+)"), QRegularExpression::MultilineOption).match(runtime);
        QVERIFY(user.hasMatch());
        QVERIFY2(!user.captured(1).startsWith(QLatin1String("0")) && !user.captured(1).startsWith(QLatin1String("root")), qPrintable(user.captured(1)));
        QCOMPARE(runtime.count(QStringLiteral("COPY")), 1); // the agent only
    }

    void buildStageInstallsOnlyTheAgentsBuild()
    {
        const QString build = stage(0);
        QVERIFY2(build.contains(QStringLiteral("./scripts/install-deps.sh --agent ")), qPrintable(build));
        QVERIFY(build.contains(QStringLiteral("-DFORGELINK_BUILD_WIZARD=OFF")));
        int exitCode = -1;
        const QStringList packages = run(TestPaths::sourceDir() + QStringLiteral("/scripts/install-deps.sh"),
                                         { QStringLiteral("--agent"), QStringLiteral("--list") }, &exitCode)
                                             .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(exitCode, 0);
        QVERIFY(packages.contains(QStringLiteral("libsimdjson-dev")));
        for (const QString &unwanted : { QStringLiteral("postgresql"), QStringLiteral("nginx-light"), QStringLiteral("clang"),
                                         QStringLiteral("xvfb"), QStringLiteral("qt6-tools-dev"), QStringLiteral("gnome-keyring"),
                                         QStringLiteral("kubernetes-client") })
            QVERIFY2(!packages.contains(unwanted), qPrintable(unwanted));

        const QStringList ignored = QString::fromUtf8(TestPaths::readFile(TestPaths::sourceDir() + QStringLiteral("/.dockerignore"))).split(QLatin1Char('\n'));
        QVERIFY(ignored.contains(QStringLiteral(".git")));
        QVERIFY(ignored.contains(QStringLiteral("build-*")));
    }
};

QTEST_GUILESS_MAIN(tst_ContainerImage)
#include "tst_containerimage.moc"
