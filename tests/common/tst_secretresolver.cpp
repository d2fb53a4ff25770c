#include "config/secretresolver.h"
#include "testpaths.h"

#include <QTemporaryDir>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

class tst_SecretResolver : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void literal()
    {
        const SecretResolver resolver(m_dir.path());
        QCOMPARE(resolver.resolve(QStringLiteral("s3cret-value")).value(), QByteArray("s3cret-value"));
        QCOMPARE(resolver.resolve(QString()).error(),
                 QStringLiteral("is empty; give the secret, or env:NAME, file:PATH or keychain:KEY"));
    }

    void environment()
    {
        qputenv("FORGELINK_TEST_SECRET", "from-the-environment");
        const SecretResolver resolver(m_dir.path());
        QCOMPARE(resolver.resolve(QStringLiteral("env:FORGELINK_TEST_SECRET")).value(), QByteArray("from-the-environment"));
        qunsetenv("FORGELINK_TEST_MISSING");
        QCOMPARE(resolver.resolve(QStringLiteral("env:FORGELINK_TEST_MISSING")).error(),
                 QStringLiteral("environment variable FORGELINK_TEST_MISSING is not set"));
        qputenv("FORGELINK_TEST_EMPTY", "");
        QCOMPARE(resolver.resolve(QStringLiteral("env:FORGELINK_TEST_EMPTY")).error(),
                 QStringLiteral("environment variable FORGELINK_TEST_EMPTY is empty"));
    }

    void file()
    {
        QVERIFY(TestPaths::writeFile(m_dir.filePath(QStringLiteral("token")), "mounted-token\n"));
        QVERIFY(TestPaths::writeFile(m_dir.filePath(QStringLiteral("empty")), ""));
        const SecretResolver resolver(m_dir.path());
        // Relative to the config's folder; the newline `echo` adds is not part of the secret.
        QCOMPARE(resolver.resolve(QStringLiteral("file:token")).value(), QByteArray("mounted-token"));
        QCOMPARE(resolver.resolve(QStringLiteral("file:") + m_dir.filePath(QStringLiteral("token"))).value(),
                 QByteArray("mounted-token"));
        const Result<QByteArray> missing = resolver.resolve(QStringLiteral("file:absent"));
        QVERIFY(!missing);
        QVERIFY2(missing.error().startsWith(QStringLiteral("cannot read file %1").arg(m_dir.filePath(QStringLiteral("absent")))),
                 qPrintable(missing.error()));
        QCOMPARE(resolver.resolve(QStringLiteral("file:empty")).error(),
                 QStringLiteral("file %1 is empty").arg(m_dir.filePath(QStringLiteral("empty"))));
    }

    void pemKeepsItsNewline()
    {
        const QByteArray pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        QVERIFY(TestPaths::writeFile(m_dir.filePath(QStringLiteral("key.pem")), pem));
        QCOMPARE(SecretResolver(m_dir.path()).resolve(QStringLiteral("file:key.pem")).value(), pem);
    }

    void keychain()
    {
        const SecretResolver none(m_dir.path());
        QCOMPARE(none.resolve(QStringLiteral("keychain:forgelink/gitlab")).error(),
                 QStringLiteral("keychain references are not available here"));
        const SecretResolver resolver(m_dir.path(), [](const QString &key) -> Result<QByteArray> {
            if (key == u"forgelink/gitlab")
                return QByteArray("from-keychain");
            return fail(QStringLiteral("not found"));
        });
        QCOMPARE(resolver.resolve(QStringLiteral("keychain:forgelink/gitlab")).value(), QByteArray("from-keychain"));
        QCOMPARE(resolver.resolve(QStringLiteral("keychain:forgelink/other")).error(),
                 QStringLiteral("keychain entry forgelink/other: not found"));
    }
};

QTEST_GUILESS_MAIN(tst_SecretResolver)
#include "tst_secretresolver.moc"
