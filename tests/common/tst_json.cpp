#include "webhooks/delivery.h"
#include "json/jsonparser.h"
#include "json/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace forgelink;

// JsonText writes what the ledger stores; JsonParser and JsonFields read providers' JSON.
class tst_Json : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textEscapesWhatJsonRequires_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << QStringLiteral("refs/heads/main");
        QTest::newRow("quotes and backslashes") << QStringLiteral("a \"quoted\" \\path\\");
        QTest::newRow("control characters") << QStringLiteral("line\nnext\r\ttab\x01\x1f end");
        QTest::newRow("non-ASCII") << QStringLiteral("Zoë/Überweisung/日本語/😀");
        QTest::newRow("empty") << QString();
    }
    void textEscapesWhatJsonRequires()
    {
        QFETCH(QString, value);
        JsonText text;
        text.beginObject();
        text.member(u"value", value);
        text.member(u"nullable", value, true);
        text.member(u"number", std::optional<qint64>(-42));
        text.member(u"none", std::optional<qint64>());
        text.endObject();
        const QByteArray json = text.take();

        // Qt's parser agrees on every value ...
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(json, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + u' ' + QString::fromUtf8(json)));
        QCOMPARE(object.value(QStringLiteral("value")).toString(), value);
        QCOMPARE(object.value(QStringLiteral("nullable")).isNull(), value.isEmpty());
        QCOMPARE(object.value(QStringLiteral("number")).toInteger(), -42);
        QVERIFY(object.value(QStringLiteral("none")).isNull());

        // ... and so does forgelink's own reader.
        JsonParser parser;
        Result<JsonFields> parsed = parser.parse(json);
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(parsed->string("value"), value);
        QCOMPARE(parsed->optionalString("nullable"), value);
        QCOMPARE(parsed->integer("number"), -42);
        QVERIFY(!parsed->has("none"));
        QVERIFY2(parsed->ok(), qPrintable(parsed->error()));
    }

    void storedColumnsAreJson()
    {
        Delivery delivery;
        delivery.headers.insert(QStringLiteral("X-GitHub-Event"), QStringLiteral("push"));
        delivery.headers.insert(QStringLiteral("User-Agent"), QStringLiteral("GitHub-Hookshot/\"x\""));
        NormalizedEvent event;
        event.kind = QStringLiteral("pull_request_opened");
        event.repo = QStringLiteral("acme/app");
        event.pullRequest = 7;
        delivery.events = { event, NormalizedEvent{ QStringLiteral("other") } };

        const QJsonObject headers = QJsonDocument::fromJson(delivery.headersJsonText()).object();
        QCOMPARE(headers, delivery.headers);
        const QJsonArray events = QJsonDocument::fromJson(delivery.eventsJsonText()).array();
        QCOMPARE(events.size(), 2);
        QCOMPARE(NormalizedEvent::fromJson(events.at(0).toObject()), event);
        QVERIFY(events.at(0).toObject().value(QStringLiteral("ref")).isNull()); // what does not apply is null
        QCOMPARE(events.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("other"));
    }

    void numbersOfEveryJsonKindReadAsIntegers()
    {
        JsonParser parser;
        Result<JsonFields> parsed = parser.parse("{\"small\":3,\"big\":9007199254740993,\"huge\":18446744073709551615,\"real\":12.0}");
        QVERIFY(parsed);
        QCOMPARE(parsed->integer("small"), 3);
        QCOMPARE(parsed->integer("big"), Q_INT64_C(9007199254740993)); // exact, beyond a double's 2^53
        QCOMPARE(parsed->integer("real"), 12);
        QVERIFY(parsed->ok());
        parsed->integer("huge");
        QCOMPARE(parsed->error(), QStringLiteral("huge: number 18446744073709551615 is out of range"));
    }

    // A double that is no id: out of range, or not whole. Before, 1e300 became INT64_MIN.
    void doublesThatAreNoIdsAreErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("1e300") << QByteArray("{\"id\":1e300}") << QStringLiteral("id: number 1e+300 is out of range");
        QTest::newRow("-1e19") << QByteArray("{\"id\":-1e19}") << QStringLiteral("id: number -1e+19 is out of range");
        QTest::newRow("fraction") << QByteArray("{\"id\":1.5}") << QStringLiteral("id: expected an integer, got 1.5");
    }
    void doublesThatAreNoIdsAreErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        JsonParser parser;
        Result<JsonFields> parsed = parser.parse(json);
        QVERIFY(parsed);
        parsed->integer("id");
        QCOMPARE(parsed->error(), error);
    }

    void missingNullAndWrongTypesAreTold()
    {
        JsonParser parser;
        Result<JsonFields> parsed = parser.parse("{\"a\":{\"b\":null,\"list\":[{\"x\":1},2]},\"s\":\"t\"}");
        QVERIFY(parsed);
        JsonFields root = parsed.value();
        QCOMPARE(root.optionalString("missing"), QString());
        QVERIFY(root.ok());
        JsonFields a = root.object("a");
        QVERIFY(!a.optionalObject("b"));
        QVERIFY(root.ok());
        QCOMPARE(a.objects("list").size(), 2);
        QCOMPARE(root.error(), QStringLiteral("a.list[1]: expected an object, got a number"));
        // A missing object reads as empty and reports only the first problem.
        JsonParser other;
        Result<JsonFields> second = other.parse("{}");
        JsonFields gone = second->object("repository");
        QCOMPARE(gone.string("full_name"), QString());
        QCOMPARE(gone.find({ "x", "y" }), QString());
        QCOMPARE(second->error(), QStringLiteral("repository: is missing"));
    }

    void notJsonIsAnErrorNotACrash_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray("{\"ref\":\"refs/heads/ma");
        QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"\xff\xfe\"}");
        QTest::newRow("html") << QByteArray("<html>");
    }
    void notJsonIsAnErrorNotACrash()
    {
        QFETCH(QByteArray, text);
        JsonParser parser;
        const Result<JsonFields> parsed = parser.parse(text);
        QVERIFY(!parsed);
        QVERIFY(!parsed.error().isEmpty());
    }

    void aParserRecoversAfterABigDocument()
    {
        // A parser gives back the memory of a document over 1 MiB (this one is 2.7 MB) at its
        // next, smaller parse; what it parses next must read correctly.
        QByteArray big = "[";
        for (int i = 0; i < 200000; ++i)
            big += "{\"id\":" + QByteArray::number(i) + "},";
        big.chop(1);
        big += ']';
        JsonParser parser;
        Result<JsonFields> first = parser.parse(big);
        QVERIFY(first);
        QCOMPARE(first->asObjects(QStringLiteral("page")).size(), 200000);
        Result<JsonFields> second = parser.parse("{\"kind\":\"small\"}");
        QVERIFY(second);
        QCOMPARE(second->string("kind"), QStringLiteral("small"));
    }
};

QTEST_GUILESS_MAIN(tst_Json)
#include "tst_json.moc"
