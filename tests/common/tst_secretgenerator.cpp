#include "crypto/secretgenerator.h"

#include <QSet>
#include <QTest>

using namespace forgelink;

class tst_SecretGenerator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lengthAndAlphabet()
    {
        const QString secret = SecretGenerator::generate();
        QCOMPARE(secret.size(), SecretGenerator::defaultLength);
        QVERIFY(SecretGenerator::defaultLength * 5.9 >= 256); // log2(62) > 5.9 bits per character
        for (QChar c : secret)
            QVERIFY2(SecretGenerator::alphabet().contains(c), qPrintable(QString(c)));
        QCOMPARE(SecretGenerator::generate(100).size(), 100);
    }

    void thousandDrawsNeverRepeat()
    {
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i)
            seen.insert(SecretGenerator::generate());
        QCOMPARE(seen.size(), 1000);
    }

    void everyCharacterOfTheAlphabetIsUsed()
    {
        // 62 symbols over 48,000 draws: a generator that skips some (a modulo slip) shows here.
        QSet<QChar> used;
        for (int i = 0; i < 1000; ++i) {
            for (QChar c : SecretGenerator::generate())
                used.insert(c);
        }
        QCOMPARE(used.size(), SecretGenerator::alphabet().size());
    }
};

QTEST_GUILESS_MAIN(tst_SecretGenerator)
#include "tst_secretgenerator.moc"
