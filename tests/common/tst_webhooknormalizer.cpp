#include "testpaths.h"
#include "json/jsonparser.h"
#include "webhookfixtures.h"
#include "intake/webhookintake.h"
#include "intake/webhooknormalizer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

namespace {
// Parses `json` and normalizes it; the parser must outlive nothing but this call.
Result<NormalizedEvents> normalizeJson(Provider provider, const QString &event, const QByteArray &json)
{
    JsonParser parser;
    Result<JsonFields> payload = parser.parse(json);
    if (!payload)
        return fail(payload.error());
    return WebhookNormalizer::normalize(provider, event, payload.value());
}

QString describe(const NormalizedEvents &events)
{
    QStringList lines;
    for (const NormalizedEvent &event : events)
        lines << QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact));
    return lines.join(u'\n');
}
} // namespace

class tst_WebhookNormalizer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everySharedFixture_data()
    {
        QTest::addColumn<int>("index");
        const QList<WebhookFixture> fixtures = WebhookFixtures::all();
        for (int i = 0; i < fixtures.size(); ++i)
            QTest::newRow(qPrintable(fixtures.at(i).name())) << i;
    }
    void everySharedFixture()
    {
        QFETCH(int, index);
        const WebhookFixture fixture = WebhookFixtures::all().at(index);
        const QByteArray body = fixture.body();
        QVERIFY2(!body.isEmpty(), qPrintable(fixture.file));
        const QString event = fixture.event.isEmpty()
                ? QJsonDocument::fromJson(body).object().value(QStringLiteral("eventType")).toString()
                : QString::fromUtf8(fixture.event);
        const Result<NormalizedEvents> events = normalizeJson(fixture.provider, event, body);
        QVERIFY2(events, qPrintable(events.error()));
        QCOMPARE(describe(events.value()), describe(fixture.expected));
    }

    void everyFixtureFileIsCovered()
    {
        QStringList covered;
        for (const WebhookFixture &fixture : WebhookFixtures::all())
            covered << fixture.file;
        QDir root(TestPaths::webhookFixturesDir());
        for (const QString &provider : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            for (const QString &file : QDir(root.filePath(provider)).entryList({ QStringLiteral("*.json") }))
                QVERIFY2(covered.contains(provider + QLatin1Char('/') + file), qPrintable(provider + QLatin1Char('/') + file));
        }
    }

    void badPayloadsNameTheField_data()
    {
        QTest::addColumn<Provider>("provider");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("push without ref") << Provider::GitHub << "push" << QByteArray("{\"repository\":{\"full_name\":\"a/b\"}}")
                                          << "ref: is missing";
        QTest::newRow("push ref a number") << Provider::GitHub << "push"
                                           << QByteArray("{\"ref\":5,\"repository\":{\"full_name\":\"a/b\"}}")
                                           << "ref: expected a string, got a number";
        QTest::newRow("pr head missing") << Provider::GitHub << "pull_request"
                                         << QByteArray("{\"action\":\"opened\",\"number\":1,\"repository\":{\"full_name\":\"a/b\"},"
                                                       "\"pull_request\":{\"base\":{\"ref\":\"main\"}}}")
                                         << "pull_request.head: is missing";
        QTest::newRow("create bad ref_type") << Provider::GitHub << "create"
                                             << QByteArray("{\"ref\":\"x\",\"ref_type\":\"note\",\"repository\":{}}")
                                             << "ref_type: expected \"branch\" or \"tag\", got \"note\"";
        QTest::newRow("gitlab project a string") << Provider::GitLab << "Push Hook"
                                                 << QByteArray("{\"project\":\"x\",\"ref\":\"refs/heads/a\",\"before\":\"1\",\"after\":\"2\"}")
                                                 << "project: expected an object, got a string";
        QTest::newRow("bitbucket change not an object") << Provider::Bitbucket << "repo:refs_changed"
                                                        << QByteArray("{\"repository\":{\"slug\":\"r\",\"project\":{\"key\":\"P\"}},\"changes\":[7]}")
                                                        << "changes[0]: expected an object, got a number";
        QTest::newRow("azure refUpdates missing") << Provider::AzureDevOps << "git.push"
                                                  << QByteArray("{\"resource\":{\"repository\":{\"name\":\"r\",\"project\":{\"name\":\"p\"}}}}")
                                                  << "resource.refUpdates: is missing";
        QTest::newRow("azure pr id a string") << Provider::AzureDevOps << "git.pullrequest.created"
                                              << QByteArray("{\"resource\":{\"repository\":{\"name\":\"r\",\"project\":{\"name\":\"p\"}},"
                                                            "\"pullRequestId\":\"1\",\"sourceRefName\":\"refs/heads/a\",\"targetRefName\":\"refs/heads/b\"}}")
                                              << "resource.pullRequestId: expected a number, got a string";
    }
    void badPayloadsNameTheField()
    {
        QFETCH(Provider, provider);
        QFETCH(QString, event);
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const Result<NormalizedEvents> events =
                normalizeJson(provider, event, json);
        QVERIFY(!events);
        QCOMPARE(events.error(), error);
    }

    void unusedEventsBecomeOther_data()
    {
        QTest::addColumn<Provider>("provider");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("github issues") << Provider::GitHub << "issues" << QByteArray("{\"action\":\"opened\"}");
        QTest::newRow("github labeled pr") << Provider::GitHub << "pull_request"
                                           << QByteArray("{\"action\":\"labeled\",\"number\":3,\"repository\":{\"full_name\":\"a/b\"},"
                                                         "\"pull_request\":{\"head\":{\"ref\":\"x\"},\"base\":{\"ref\":\"main\"}}}");
        QTest::newRow("gitlab pipeline") << Provider::GitLab << "Pipeline Hook" << QByteArray("{\"object_kind\":\"pipeline\"}");
        QTest::newRow("bitbucket comment") << Provider::Bitbucket << "pr:comment:added" << QByteArray("{\"pullRequest\":{\"id\":1,\"fromRef\":{\"id\":\"refs/heads/a\",\"repository\":{\"slug\":\"r\",\"project\":{\"key\":\"P\"}}},\"toRef\":{\"id\":\"refs/heads/b\",\"repository\":{\"slug\":\"r\",\"project\":{\"key\":\"P\"}}}}}");
        QTest::newRow("azure build") << Provider::AzureDevOps << "build.complete" << QByteArray("{\"resource\":{\"definition\":{}}}");
    }
    void unusedEventsBecomeOther()
    {
        QFETCH(Provider, provider);
        QFETCH(QString, event);
        QFETCH(QByteArray, json);
        const Result<NormalizedEvents> events = normalizeJson(provider, event, json);
        QVERIFY2(events, qPrintable(events.error()));
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().kind, QStringLiteral("other"));
    }

    void severalRefChangesGiveSeveralEvents()
    {
        const QByteArray json = "{\"repository\":{\"slug\":\"r\",\"project\":{\"key\":\"P\"}},\"changes\":["
                                "{\"refId\":\"refs/heads/new\",\"fromHash\":\"0000000000000000000000000000000000000000\",\"toHash\":\"a\",\"type\":\"ADD\"},"
                                "{\"refId\":\"refs/tags/v1\",\"fromHash\":\"b\",\"toHash\":\"0000000000000000000000000000000000000000\",\"type\":\"DELETE\"},"
                                "{\"refId\":\"refs/tags/v2\",\"fromHash\":\"c\",\"toHash\":\"d\",\"type\":\"UPDATE\"}]}";
        const Result<NormalizedEvents> events = normalizeJson(Provider::Bitbucket, QStringLiteral("repo:refs_changed"), json);
        QVERIFY(events);
        QCOMPARE(events->size(), 3);
        QCOMPARE(events->at(0).kind, QStringLiteral("branch_created"));
        QCOMPARE(events->at(1).kind, QStringLiteral("tag_deleted"));
        QCOMPARE(events->at(2).kind, QStringLiteral("tag_updated"));
        QCOMPARE(events->at(2).repo, QStringLiteral("P/r"));
    }

    void deliveryIds()
    {
        const QByteArray body("{\"id\":\"azure-event-id\"}");
        JsonParser parser;
        const JsonFields payload = parser.parse(body).value();
        QCOMPARE(WebhookIntake::deliveryIdFor(Provider::GitHub, WebhookFixtures::request(Provider::GitHub, "push", body, "s", "gh-guid"), payload),
                 QStringLiteral("gh-guid"));
        WebhookRequest gitlab{ { { "X-Gitlab-Event-UUID", "event-uuid" } }, body };
        QCOMPARE(WebhookIntake::deliveryIdFor(Provider::GitLab, gitlab, payload), QStringLiteral("event-uuid"));
        gitlab.headers.append(qMakePair(QByteArray("Idempotency-Key"), QByteArray("idem")));
        QCOMPARE(WebhookIntake::deliveryIdFor(Provider::GitLab, gitlab, payload), QStringLiteral("idem"));
        QCOMPARE(WebhookIntake::deliveryIdFor(Provider::AzureDevOps, WebhookRequest{ {}, body }, payload), QStringLiteral("azure-event-id"));
        // No id at all: the body's SHA-256, so the same body is still recorded once.
        QCOMPARE(WebhookIntake::deliveryIdFor(Provider::Bitbucket, WebhookRequest{ {}, body }, payload),
                 QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()));
    }
};

QTEST_GUILESS_MAIN(tst_WebhookNormalizer)
#include "tst_webhooknormalizer.moc"
