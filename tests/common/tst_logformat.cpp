#include "log/logfields.h"
#include "log/logformat.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace forgelink;

// The agent's log lines: RFC 3339 times with their zone, JSON that any log pipeline parses
// whatever the message holds, and the fields that name a delivery.
class tst_LogFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textStartsWithTheTimeAndItsZone()
    {
        const QDateTime at(QDate(2026, 12, 3), QTime(14, 5, 6, 789), QTimeZone(3600));
        const QByteArray line = LogFormat::format(LogFormat::Style::Text, QtWarningMsg, "forgelink.sync", QStringLiteral("gitlab sync failed"), at, {});
        QCOMPARE(line, QByteArray("2026-12-03T14:05:06.789+01:00 warning forgelink.sync: gitlab sync failed\n"));
        const QByteArray utc = LogFormat::format(LogFormat::Style::Text, QtInfoMsg, "x", QStringLiteral("m"),
                                                 QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), QTimeZone::utc()), {});
        QVERIFY2(QRegularExpression(QStringLiteral("^2026-01-02T03:04:05\\.000(Z|\\+00:00) info x: m\\n$")).match(QString::fromUtf8(utc)).hasMatch(),
                 utc.constData());
    }

    // A repository name or a target's answer with a newline cannot write a second, forged line,
    // and escape sequences do not reach the terminal.
    void textEscapesControlCharacters()
    {
        const QString message = QStringLiteral("accepted acme/x\n2026-12-03T00:00:00.000Z info forgelink.agent: forged\r\u001b[2J\u0000\u0085 ok ü");
        const QByteArray line = LogFormat::format(LogFormat::Style::Text, QtInfoMsg, "forgelink.agent", message,
                                                  QDateTime(QDate(2026, 12, 3), QTime(1, 2, 3), QTimeZone::utc()), {});
        QCOMPARE(line.count('\n'), 1);
        QVERIFY(line.endsWith('\n'));
        QVERIFY2(line.contains("acme/x\\n2026-12-03"), line.constData());
        QVERIFY2(line.contains("forged\\r\\x1b[2J\\x00\\x85 ok \xc3\xbc"), line.constData());
        for (char c : line.chopped(1))
            QVERIFY2(uchar(c) >= 0x20 && uchar(c) != 0x7f, line.constData());
        QCOMPARE(LogFormat::printable(QStringLiteral("plain text")), QStringLiteral("plain text"));
    }

    void jsonEscapesAndCarriesTheFields()
    {
        const QString message = QStringLiteral("a \"quoted\" line\nwith\ttabs, \\ and \u0001 and ü");
        const LogFields outer{ { "provider", QStringLiteral("github") } };
        const LogFields inner{ { "deliveryId", QStringLiteral("d-1") }, { "target", QStringLiteral("pipekit") } };
        const QByteArray line = LogFormat::format(LogFormat::Style::Json, QtCriticalMsg, "forgelink.forward", message,
                                                  QDateTime(QDate(2026, 12, 3), QTime(1, 2, 3), QTimeZone(-5 * 3600)), LogFields::current());
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1); // one line, whatever the message holds
        QJsonParseError error{};
        const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value(QStringLiteral("message")).toString(), message);
        QCOMPARE(object.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
        QCOMPARE(object.value(QStringLiteral("category")).toString(), QStringLiteral("forgelink.forward"));
        QCOMPARE(object.value(QStringLiteral("time")).toString(), QStringLiteral("2026-12-03T01:02:03.000-05:00"));
        QCOMPARE(object.value(QStringLiteral("provider")).toString(), QStringLiteral("github"));
        QCOMPARE(object.value(QStringLiteral("deliveryId")).toString(), QStringLiteral("d-1"));
        QCOMPARE(object.value(QStringLiteral("target")).toString(), QStringLiteral("pipekit"));
    }

    void fieldsEndWithTheirScope()
    {
        {
            const LogFields fields{ { "provider", QStringLiteral("gitlab") } };
            QCOMPARE(LogFields::current().size(), 1);
        }
        QVERIFY(LogFields::current().isEmpty());
    }

    void levelsAndStyles()
    {
        QCOMPARE(LogFormat::levelFromName(QStringLiteral("warning")), std::optional<QtMsgType>(QtWarningMsg));
        QCOMPARE(LogFormat::levelFromName(QStringLiteral("error")), std::optional<QtMsgType>(QtCriticalMsg));
        QVERIFY(!LogFormat::levelFromName(QStringLiteral("verbose")));
        QVERIFY(!LogFormat::styleFromName(QStringLiteral("xml")));
        QVERIFY(LogFormat::rank(QtDebugMsg) < LogFormat::rank(QtInfoMsg));
        QVERIFY(LogFormat::rank(QtInfoMsg) < LogFormat::rank(QtWarningMsg));
    }
};

QTEST_GUILESS_MAIN(tst_LogFormat)
#include "tst_logformat.moc"
