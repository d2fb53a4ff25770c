#include "testpaths.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace forgelink::test;

// translations/forgelink_de.ts is current and complete: lupdate over the sources (as
// scripts/update-translations.sh runs it) finds no new text and drops none, and nothing is
// left unfinished.
class tst_Translations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void germanIsCurrentAndComplete()
    {
        const QString lupdate = QStringLiteral(FORGELINK_LUPDATE);
        QVERIFY2(QFileInfo(lupdate).isExecutable(), qPrintable(lupdate + QStringLiteral(" is missing (Debian: qt6-l10n-tools)")));
        const QString committed = TestPaths::sourceDir() + QStringLiteral("/translations/forgelink_de.ts");
        const QByteArray before = TestPaths::readFile(committed);
        QVERIFY(!before.isEmpty());
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("forgelink_de.ts"));
        QVERIFY(TestPaths::writeFile(copy, before));

        QProcess process;
        process.setWorkingDirectory(TestPaths::sourceDir());
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(lupdate, { QStringLiteral("-I"), QStringLiteral("common"), QStringLiteral("-I"), QStringLiteral("app"), QStringLiteral("app"),
                                 QStringLiteral("common"), QStringLiteral("-ts"), copy, QStringLiteral("-locations"), QStringLiteral("none"),
                                 QStringLiteral("-no-obsolete") });
        QVERIFY(process.waitForFinished(120'000));
        const QByteArray log = process.readAll();
        QVERIFY2(process.exitCode() == 0, log.constData());
        QVERIFY2(log.contains("(0 new and"), log.constData());
        QVERIFY2(!log.contains("obsolete"), log.constData());

        const QByteArray after = TestPaths::readFile(copy);
        QVERIFY2(!after.contains("type=\"unfinished\""), "translations/forgelink_de.ts has unfinished entries: translate them");
        QVERIFY2(!after.contains("type=\"vanished\"") && !after.contains("type=\"obsolete\""), "translations/forgelink_de.ts has dropped texts");
        QVERIFY2(after == before, "translations/forgelink_de.ts is not what lupdate makes of the sources: run scripts/update-translations.sh");
    }
};

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
