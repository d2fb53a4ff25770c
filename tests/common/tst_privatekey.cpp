#include "crypto/privatekey.h"
#include "testkeys.h"
#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

using namespace forgelink;
using namespace forgelink::test;

class tst_PrivateKey : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &contents)
    {
        const QString path = m_dir.filePath(name);
        TestPaths::writeFile(path, contents);
        return path;
    }

private Q_SLOTS:
    void rsaKeyLoads()
    {
        const Result<PrivateKey> key = PrivateKey::fromFile(write(QStringLiteral("ok.pem"), TestKeys::rsaPrivateKeyPem()));
        QVERIFY2(key, qPrintable(key.error()));
        QCOMPARE(key->bits(), 2048);
        QCOMPARE(key->pem(), TestKeys::rsaPrivateKeyPem());
    }

    void problemsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a key") << QByteArray("hello world\n") << "%1 is not a PEM private key";
        QTest::newRow("public key") << TestKeys::rsaPublicKeyPem()
                                    << "%1 is a public key; the private key (.pem) generated in the GitHub App's settings is needed";
        QTest::newRow("encrypted") << TestKeys::encryptedRsaPrivateKeyPem()
                                   << "%1 is encrypted; GitHub's keys are not: give the key without a passphrase (openssl pkey -in KEY -out PLAIN.pem)";
        QTest::newRow("ec key") << TestKeys::ecPrivateKeyPem() << "%1 holds a id-ecPublicKey key; GitHub App keys are RSA";
        QTest::newRow("truncated") << TestKeys::rsaPrivateKeyPem().left(300) << "%1 is not a PEM private key";
    }
    void problemsAreNamed()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, expected);
        const QString path = write(QString::fromLatin1(QTest::currentDataTag()), contents);
        const Result<PrivateKey> key = PrivateKey::fromFile(path);
        QVERIFY(!key);
        QCOMPARE(key.error(), expected.arg(path));
    }

    void unreadableFile()
    {
        if (::geteuid() == 0) {
            // root reads any file; a folder in place of the file is unreadable for everyone.
            const QString path = m_dir.filePath(QStringLiteral("folder.pem"));
            QVERIFY(QDir().mkpath(path));
            const Result<PrivateKey> key = PrivateKey::fromFile(path);
            QVERIFY(!key);
            QVERIFY2(key.error().startsWith(QStringLiteral("cannot read %1").arg(path))
                             || key.error() == QStringLiteral("%1 is not a PEM private key").arg(path),
                     qPrintable(key.error()));
            return;
        }
        const QString path = write(QStringLiteral("secret.pem"), TestKeys::rsaPrivateKeyPem());
        QFile::setPermissions(path, QFileDevice::WriteOwner);
        const Result<PrivateKey> key = PrivateKey::fromFile(path);
        QVERIFY(!key);
        QVERIFY2(key.error().startsWith(QStringLiteral("cannot read %1").arg(path)), qPrintable(key.error()));
    }

    void missingFile()
    {
        const Result<PrivateKey> key = PrivateKey::fromFile(m_dir.filePath(QStringLiteral("absent.pem")));
        QCOMPARE(key.error(), QStringLiteral("%1 does not exist").arg(m_dir.filePath(QStringLiteral("absent.pem"))));
    }

    void signatureVerifiesWithThePublicKey()
    {
        const Result<PrivateKey> key = PrivateKey::fromPem(TestKeys::rsaPrivateKeyPem(), QStringLiteral("test"));
        QVERIFY(key);
        const QByteArray data("header.payload");
        const Result<QByteArray> signature = key->signSha256(data);
        QVERIFY(signature);
        QCOMPARE(signature->size(), 256);

        const QByteArray publicPem = TestKeys::rsaPublicKeyPem();
        BIO *bio = BIO_new_mem_buf(publicPem.constData(), int(publicPem.size()));
        EVP_PKEY *publicKey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        QVERIFY(publicKey);
        EVP_MD_CTX *context = EVP_MD_CTX_new();
        EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, publicKey);
        const int verified = EVP_DigestVerify(context, reinterpret_cast<const unsigned char *>(signature->constData()),
                                              size_t(signature->size()),
                                              reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()));
        EVP_MD_CTX_free(context);
        EVP_PKEY_free(publicKey);
        QCOMPARE(verified, 1);
    }
};

QTEST_GUILESS_MAIN(tst_PrivateKey)
#include "tst_privatekey.moc"
