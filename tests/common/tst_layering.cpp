#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The folders of common/ depend one way, and the build refuses anything else: these configure a
// copy of the sources with CMake (no compiling), once as it is and once each with an arrow back
// put in, the way a change would put it in.
class tst_Layering : public QObject {
    Q_OBJECT

private:
    // The sources that configuring the agent alone reads.
    static bool copySources(const QString &to)
    {
        const QDir from(QStringLiteral(FORGELINK_SOURCE_DIR));
        if (!QFile::copy(from.filePath(QStringLiteral("CMakeLists.txt")), to + QStringLiteral("/CMakeLists.txt")))
            return false;
        for (const QString &folder : { QStringLiteral("common"), QStringLiteral("agent"), QStringLiteral("bench"),
                                       QStringLiteral("resources") }) {
            QDirIterator files(from.filePath(folder), QDir::Files, QDirIterator::Subdirectories);
            while (files.hasNext()) {
                const QString file = files.next();
                const QString target = to + QLatin1Char('/') + from.relativeFilePath(file);
                if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(file, target))
                    return false;
            }
        }
        return true;
    }

    static void append(const QString &file, const QByteArray &text)
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::Append));
        f.write(text);
    }

    static void replace(const QString &file, const QByteArray &before, const QByteArray &after)
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        f.close();
        QVERIFY2(text.contains(before), before.constData());
        text.replace(before, after);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

    struct Configured {
        int exitCode = -1;
        QString output;
    };

    static Configured configure(const QString &sources)
    {
        QProcess cmake;
        cmake.setProcessChannelMode(QProcess::MergedChannels);
        cmake.start(QStringLiteral(FORGELINK_CMAKE), { QStringLiteral("-S"), sources, QStringLiteral("-B"), sources + QStringLiteral("/build"),
                                                       QStringLiteral("-DFORGELINK_BUILD_TESTS=OFF"), QStringLiteral("-DFORGELINK_BUILD_WIZARD=OFF") });
        if (!cmake.waitForFinished(120'000))
            return {};
        return { cmake.exitStatus() == QProcess::NormalExit ? cmake.exitCode() : -1, QString::fromLocal8Bit(cmake.readAll()).simplified() };  // CMake wraps its messages
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_sources.isValid());
        QVERIFY(copySources(m_sources.path()));
    }

    void cleanup()
    {
        QVERIFY(QDir(m_sources.path()).removeRecursively());
        QVERIFY(QDir().mkpath(m_sources.path()));
    }

    void theSourcesConfigure()
    {
        const Configured configured = configure(m_sources.path());
        QVERIFY2(configured.exitCode == 0, qPrintable(configured.output));
    }

    // The store is below the hooks: a header of the store that includes one of theirs is named.
    void anIncludeFromAFolderAboveIsRefused()
    {
        append(m_sources.path() + QStringLiteral("/common/store/store.h"), "#include \"hooks/hooklifecycle.h\"\n");
        const Configured configured = configure(m_sources.path());
        QVERIFY(configured.exitCode != 0);
        QVERIFY2(configured.output.contains(QStringLiteral("common/store includes only from itself and the folders it uses (webhooks, core, log), but")), qPrintable(configured.output));
        QVERIFY2(configured.output.contains(QStringLiteral("store/store.h includes #include \"hooks/hooklifecycle.h\"")), qPrintable(configured.output));
    }

    // A folder that names one above it among its uses (to make the include above legal) is refused
    // too: that library is not there yet when the store's is made, so no cycle can be linked.
    void usingAFolderAboveIsRefused()
    {
        replace(m_sources.path() + QStringLiteral("/common/store/CMakeLists.txt"), "forgelink_folder(store USES webhooks core log)",
                "forgelink_folder(store USES hooks webhooks core log)");
        const Configured configured = configure(m_sources.path());
        QVERIFY(configured.exitCode != 0);
        QVERIFY2(configured.output.contains(QStringLiteral("common/store uses hooks, which is not below it")), qPrintable(configured.output));
    }

    // The core needs nothing of forgelink: a provider's id in it cannot ask the registry.
    void theCoreUsesNoOtherFolder()
    {
        append(m_sources.path() + QStringLiteral("/common/core/provider.cpp"), "#include \"providers/providerregistry.h\"\n");
        const Configured configured = configure(m_sources.path());
        QVERIFY(configured.exitCode != 0);
        QVERIFY2(configured.output.contains(QStringLiteral("core/provider.cpp includes #include \"providers/providerregistry.h\"")),
                 qPrintable(configured.output));
    }

private:
    QTemporaryDir m_sources;
};

QTEST_GUILESS_MAIN(tst_Layering)
#include "tst_layering.moc"
