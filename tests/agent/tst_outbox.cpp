#include "agentprocess.h"
#include "consumerlibraries.h"
#include "crypto/crypto.h"
#include "forward/standardwebhooks.h"
#include "hostileserver.h"
#include "httptestclient.h"
#include "providers/providercatalogue.h"
#include "testdatabases.h"
#include "webhookfixtures.h"
#include "webhooksink.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace forgelink;
using namespace forgelink::test;

namespace {

// A GitLab push to `repo` (path_with_namespace), a distinct body each.
QByteArray gitlabPush(const QString &repo, int serial)
{
    QJsonObject push = QJsonDocument::fromJson(WebhookFixtures::all().at(12).body()).object();
    QJsonObject project = push.value(QStringLiteral("project")).toObject();
    project.insert(QStringLiteral("path_with_namespace"), repo);
    push.insert(QStringLiteral("project"), project);
    push.insert(QStringLiteral("checkout_sha"), QStringLiteral("%1").arg(serial, 40, 10, QLatin1Char('0')));
    return QJsonDocument(push).toJson(QJsonDocument::Compact);
}

} // namespace

// The outbox through the real agent and loopback targets: what the agent acknowledged reaches
// its targets, as the provider sent it or as signed normalized events.
class tst_Outbox : public QObject {
    Q_OBJECT

private:
    static std::optional<HttpTestClient::Response> post(AgentProcess &agent, Provider provider, const QByteArray &event,
                                                        const QByteArray &body, const QByteArray &id)
    {
        return HttpTestClient::exchange(agent.port(), "POST", ProviderCatalogue::webhookPath(provider).toLatin1(),
                                        WebhookFixtures::headers(provider, event, body, AgentProcess::webhookSecret(provider), id), body);
    }

    static QByteArray target(const WebhookSink &sink, const QByteArray &extra = {})
    {
        return "forward:\n  - {name: pipekit, url: " + sink.url().toUtf8() + extra + "}\n";
    }

    static QList<QJsonObject> outbox(AgentProcess &agent, const QStringList &options = {})
    {
        return agent.command(QStringList{ QStringLiteral("outbox"), QStringLiteral("--json") } + options).jsonLines();
    }

private Q_SLOTS:
    // format original: the provider's body byte for byte, with its own signature headers, so the
    // target verifies it as if the provider had called it.
    void originalTargetGetsTheProvidersRequest()
    {
        WebhookSink sink;
        QVERIFY(sink.start());
        AgentProcess agent(target(sink) + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        QList<WebhookFixture> sent;
        for (const WebhookFixture &fixture : WebhookFixtures::all()) {
            if (fixture.expected.first().kind == u"ping")
                continue;
            const QByteArray id = "orig-" + QByteArray::number(sent.size());
            const auto response = post(agent, fixture.provider, fixture.event, fixture.body(), id);
            QVERIFY(response);
            QCOMPARE(response->status, 202);
            sent << fixture;
        }
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), sent.size(), 15'000);
        QHash<QByteArray, WebhookFixture> byBody;
        for (const WebhookFixture &fixture : sent)
            byBody.insert(fixture.body(), fixture);
        QSet<QByteArray> arrived;
        for (const WebhookSink::Received &received : sink.received) {
            const QString delivery = QString::fromLatin1(received.header("X-Forgelink-Delivery"));
            const Provider provider = *providerFromId(delivery.section(QLatin1Char(':'), 0, 0));
            QCOMPARE(received.path, ProviderCatalogue::webhookPath(provider).toLatin1());
            QVERIFY2(byBody.contains(received.body), "a body that was not sent, or not byte for byte");
            arrived.insert(received.body);
            const WebhookFixture &fixture = byBody.value(received.body);
            QCOMPARE(fixture.provider, provider);
            const QByteArray body = received.body;
            const QByteArray secret = AgentProcess::webhookSecret(provider);
            switch (provider) {
            case Provider::GitHub:
                QCOMPARE(received.header("X-Hub-Signature-256"), "sha256=" + Crypto::hmacSha256(secret, body).toHex());
                QCOMPARE(received.header("X-GitHub-Event"), fixture.event);
                break;
            case Provider::GitLab:
                QCOMPARE(received.header("X-Gitlab-Token"), secret);
                break;
            case Provider::Bitbucket:
                QCOMPARE(received.header("X-Hub-Signature"), "sha256=" + Crypto::hmacSha256(secret, body).toHex());
                break;
            case Provider::AzureDevOps:
                QCOMPARE(received.header("Authorization"), "Basic " + ("pipekit:" + secret).toBase64());
                break;
            }
        }
        QCOMPARE(arrived.size(), byBody.size());
        QTRY_VERIFY_WITH_TIMEOUT(HttpTestClient::exchange(agent.port(), "GET", "/metrics")
                                         ->body.contains("forgelink_outbox_pending{target=\"pipekit\"} 0"),
                                 10'000);
        const auto metrics = HttpTestClient::exchange(agent.port(), "GET", "/metrics");
        QVERIFY2(metrics->body.contains("forgelink_forward_attempts_total{target=\"pipekit\",result=\"delivered\"} "
                                        + QByteArray::number(sent.size())),
                 metrics->body.constData());
        QCOMPARE(agent.terminate(), 0);
    }

    // A target that answers 502s, then is down for a while, and an agent killed half way: every
    // acknowledged delivery still arrives (some more than once: delivery is at least once). With
    // every row retrying on its own: the circuit breaker (failingTargetIsProbedNotFlooded) would
    // space the 502s a backoff step apart.
    void failuresOutagesAndAKillLoseNothing()
    {
        WebhookSink sink;
        int failures = 0;
        sink.answer = [&failures](const WebhookSink::Received &) { return failures-- > 0 ? 502 : 0; };
        QVERIFY(sink.start());
        AgentProcess agent(target(sink, ", circuitBreakAfter: 0") + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        QSet<QByteArray> acknowledged;
        auto send = [&](int from, int to) {
            for (int i = from; i < to; ++i) {
                const QByteArray id = "kill-" + QByteArray::number(i);
                const auto response = post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/repo-%1").arg(i % 5), i), id);
                if (response && response->status == 202)
                    acknowledged.insert("gitlab:" + id);
            }
        };
        failures = 6;
        send(0, 20);
        sink.stop(); // the target goes down
        send(20, 40);
        agent.kill(); // and the agent dies with rows pending
        QVERIFY2(agent.start(), agent.log().constData());
        send(40, 50);
        QTest::qWait(1500);
        QVERIFY(sink.start()); // the target is back, on the same port
        auto arrived = [&] {
            QSet<QByteArray> ids;
            for (const WebhookSink::Received &received : sink.accepted())
                ids.insert(received.header("X-Forgelink-Delivery"));
            return ids;
        };
        QTRY_VERIFY_WITH_TIMEOUT(arrived().contains(acknowledged), 40'000);
        QCOMPARE(acknowledged.size(), 50);
        QCOMPARE(agent.terminate(), 0);
    }

    // Targets that misbehave: one whose answers never end (2xx and 5xx), one that trickles its
    // head a byte at a time, one that asks to retry at once or in 10^15 seconds. The agent's
    // memory stays small, a request ends at timeoutSeconds, no hot loop, and a well-behaved
    // target on the same host gets everything meanwhile.
    void misbehavingTargetsAreBounded()
    {
        HostileServer flood("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", [] {
            static const QByteArray block = QByteArray::number(256 * 1024, 16) + "\r\n" + QByteArray(256 * 1024, 'x') + "\r\n";
            return block;
        });
        HostileServer failingFlood("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 2000000000\r\n\r\n\u001b[31mred",
                                   [] { return QByteArray(256 * 1024, 'y'); });
        HostileServer trickle("", [] { return QByteArray("H"); }, 500);
        // The hostile server answers once per connection: these close it, so each retry is answered.
        HostileServer retryNow("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                               [] { return QByteArray(); }, 60'000);
        HostileServer retryNever("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 9223372036854775\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                                 [] { return QByteArray(); }, 60'000);
        WebhookSink sink;
        QVERIFY(sink.start());
        QByteArray config = "forward:\n";
        const QList<std::pair<QByteArray, QString>> targets{ { "flood", flood.url() }, { "failing-flood", failingFlood.url() },
                                                              { "trickle", trickle.url() }, { "retry-now", retryNow.url() },
                                                              { "retry-never", retryNever.url() }, { "good", sink.url() } };
        for (const auto &[name, url] : targets)
            config += "  - {name: " + name + ", url: " + url.toUtf8() + ", timeoutSeconds: 2, parallel: 2}\n";
        AgentProcess agent(config + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        const int rows = 6;
        for (int i = 0; i < rows; ++i)
            QCOMPARE(post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/r%1").arg(i), i), "m-" + QByteArray::number(i))->status, 202);
        // The good target is not held up by the others.
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), rows, 15'000);
        // An endless 2xx answer is an acceptance: read no further than needed.
        auto state = [&](const QString &target) { return outbox(agent, { QStringLiteral("--target"), target }); };
        auto delivered = [&](const QString &target) {
            const QList<QJsonObject> list = state(target);
            return list.size() == rows && std::all_of(list.begin(), list.end(), [](const QJsonObject &row) {
                       return row.value(QStringLiteral("state")).toString() == u"delivered";
                   });
        };
        QTRY_VERIFY_WITH_TIMEOUT(delivered(QStringLiteral("flood")), 15'000);
        // A trickled head ends at the deadline; an endless 502 is a 502, its escape kept as text.
        QTRY_VERIFY_WITH_TIMEOUT(state(QStringLiteral("trickle")).first().value(QStringLiteral("attempts")).toInt() >= 1, 15'000);
        QCOMPARE(state(QStringLiteral("trickle")).first().value(QStringLiteral("lastError")).toString(), QStringLiteral("no complete answer within 2 s"));
        QTRY_VERIFY_WITH_TIMEOUT(state(QStringLiteral("failing-flood")).first().value(QStringLiteral("attempts")).toInt() >= 1, 15'000);
        const QString floodError = state(QStringLiteral("failing-flood")).first().value(QStringLiteral("lastError")).toString();
        QVERIFY2(floodError.startsWith(QStringLiteral("502 Bad Gateway: \u001b[31mredyyy")), qPrintable(floodError));
        QVERIFY2(floodError.size() < 300, qPrintable(floodError));
        const QByteArray table = agent.command({ QStringLiteral("outbox"), QStringLiteral("--target"), QStringLiteral("failing-flood") }).out;
        QVERIFY2(!table.contains('\x1b') && table.contains("\\x1b[31m"), table.constData());
        // Retry-After 0 waits a second at least; a huge one an hour, not an overflow to 0.
        QTRY_COMPARE_WITH_TIMEOUT(retryNever.requests, rows, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(!state(QStringLiteral("retry-never")).first().value(QStringLiteral("nextAttemptAt")).isNull(), 10'000);
        const int hot = retryNow.requests;
        QTest::qWait(3000);
        QVERIFY2(retryNow.requests - hot <= rows * 4, qPrintable(QString::number(retryNow.requests - hot)));
        QCOMPARE(retryNever.requests, rows);
        const QDateTime next = QDateTime::fromString(state(QStringLiteral("retry-never")).first().value(QStringLiteral("nextAttemptAt")).toString(), Qt::ISODateWithMs);
        const qint64 inSeconds = QDateTime::currentDateTimeUtc().secsTo(next);
        QVERIFY2(inSeconds > 3500 && inSeconds <= 3600, qPrintable(QString::number(inSeconds)));
        // Memory: the endless answers were not kept.
        QVERIFY2(agent.peakRssKiB() < 300 * 1024, qPrintable(QString::number(agent.peakRssKiB())));
        QVERIFY2(flood.requests >= rows, qPrintable(QString::number(flood.requests)));
        QCOMPARE(agent.terminate(), 0);
    }

    // One repository's rows reach a target in the order they were recorded, even when the first
    // is refused for a while; other repositories do not wait for it.
    void oneRepositoryInOrder()
    {
        WebhookSink sink;
        int refusals = 3;
        sink.answer = [&refusals](const WebhookSink::Received &request) {
            return request.header("X-Forgelink-Delivery") == "gitlab:a-0" && refusals-- > 0 ? 503 : 0;
        };
        QVERIFY(sink.start());
        AgentProcess agent(target(sink) + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/a"), i), "a-" + QByteArray::number(i))->status, 202);
            QCOMPARE(post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/b"), 100 + i), "b-" + QByteArray::number(i))->status, 202);
        }
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), 16, 30'000);
        QList<QByteArray> a;
        QList<QByteArray> b;
        int bBeforeA0 = 0;
        for (const WebhookSink::Received &received : sink.accepted()) {
            const QByteArray id = received.header("X-Forgelink-Delivery");
            (id.startsWith("gitlab:a-") ? a : b) << id;
            if (id.startsWith("gitlab:b-") && a.isEmpty())
                ++bBeforeA0;
        }
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(a.at(i), "gitlab:a-" + QByteArray::number(i));
            QCOMPARE(b.at(i), "gitlab:b-" + QByteArray::number(i));
        }
        QVERIFY2(bBeforeA0 > 0, "repository b waited for repository a");
        QCOMPARE(agent.terminate(), 0);
    }

    // format event: only the events the filters select, one POST each, signed as Standard
    // Webhooks says, with a webhook-id that stays the same when a POST is retried.
    void eventTargetsGetSignedFilteredEvents()
    {
        WebhookSink sink;
        bool failFirst = true;
        sink.answer = [&failFirst](const WebhookSink::Received &) {
            const bool fail = failFirst;
            failFirst = false;
            return fail ? 500 : 0;
        };
        QVERIFY(sink.start());
        const QByteArray key = "a-32-byte-key-for-signing-events";
        AgentProcess agent("forward:\n  - {name: ci, url: " + sink.url().toUtf8() + "/hooks, format: event, providers: [github, gitlab],\n"
                           "     events: [\"branch_*\", push, \"pull_request_*\"], repositories: [\"Codertocat/*\", \"mike/*\"],\n"
                           "     refs: [\"refs/heads/*\"], signingSecret: whsec_" + key.toBase64() + "}\n" + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        QStringList expected;
        int serial = 0;
        for (const WebhookFixture &fixture : WebhookFixtures::all()) {
            const QByteArray id = "ev-" + QByteArray::number(serial++);
            QVERIFY(post(agent, fixture.provider, fixture.event, fixture.body(), id));
            if (fixture.provider != Provider::GitHub && fixture.provider != Provider::GitLab)
                continue;
            for (qsizetype i = 0; i < fixture.expected.size(); ++i) {
                const NormalizedEvent &event = fixture.expected.at(i);
                const bool kind = event.kind.startsWith(QLatin1String("branch_")) || event.kind == u"push"
                        || event.kind.startsWith(QLatin1String("pull_request_"));
                const bool repo = event.repo.startsWith(QLatin1String("Codertocat/")) || event.repo.startsWith(QLatin1String("mike/"));
                if (kind && repo && event.ref.startsWith(QLatin1String("refs/heads/")))
                    expected << QStringLiteral("%1:%2:%3").arg(providerId(fixture.provider), QString::fromLatin1(id)).arg(i);
            }
        }
        QVERIFY(expected.size() >= 3);
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), expected.size(), 20'000);
        QStringList got;
        for (const WebhookSink::Received &received : sink.accepted()) {
            QCOMPARE(received.path, QByteArray("/hooks"));
            const QByteArray id = received.header("webhook-id");
            const qint64 timestamp = received.header("webhook-timestamp").toLongLong();
            QVERIFY(qAbs(timestamp - QDateTime::currentSecsSinceEpoch()) < 60);
            QCOMPARE(received.header("webhook-signature"), "v1," + Crypto::hmacSha256(key, id + '.' + QByteArray::number(timestamp) + '.' + received.body).toBase64());
            const QJsonObject body = QJsonDocument::fromJson(received.body).object();
            const QJsonObject data = body.value(QStringLiteral("data")).toObject();
            QVERIFY(!body.value(QStringLiteral("type")).toString().isEmpty());
            QVERIFY(body.value(QStringLiteral("timestamp")).toString().endsWith(QLatin1Char('Z')));
            QCOMPARE(QStringLiteral("%1:%2:").arg(data.value(QStringLiteral("provider")).toString(), data.value(QStringLiteral("deliveryId")).toString()),
                     QString::fromLatin1(id).section(QLatin1Char(':'), 0, 1) + QLatin1Char(':'));
            got << QString::fromLatin1(id);
        }
        got.sort();
        expected.sort();
        QCOMPARE(got, expected);
        // The refused first POST and its retry carried the same webhook-id.
        QCOMPARE(sink.received.first().status, 500);
        int sameId = 0;
        for (const WebhookSink::Received &received : sink.accepted())
            sameId += received.header("webhook-id") == sink.received.first().header("webhook-id") ? 1 : 0;
        QCOMPARE(sameId, 1);
        QCOMPARE(agent.terminate(), 0);
    }

    // What the agent forwards passes the consumers' own libraries: Standard Webhooks' for event
    // targets (with a secret the wizard's way makes), Octokit's for GitHub's signature on the
    // original request.
    void consumersLibrariesVerifyWhatIsForwarded()
    {
        if (const auto missing = ConsumerLibraries::missing())
            QSKIP(qPrintable(*missing));
        WebhookSink events;
        WebhookSink originals;
        QVERIFY(events.start() && originals.start());
        const QByteArray secret = StandardWebhooks::generateSecret();
        AgentProcess agent("forward:\n  - {name: bot, url: " + events.url().toUtf8() + "/hooks, format: event, signingSecret: " + secret + "}\n"
                           "  - {name: pipekit, url: " + originals.url().toUtf8() + ", providers: [github]}\n" + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        int serial = 0;
        int github = 0;
        for (const WebhookFixture &fixture : WebhookFixtures::all()) {
            QVERIFY(post(agent, fixture.provider, fixture.event, fixture.body(), "lib-" + QByteArray::number(serial++)));
            github += fixture.provider == Provider::GitHub ? 1 : 0;
        }
        QTRY_COMPARE_WITH_TIMEOUT(originals.accepted().size(), github, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(events.accepted().size() >= serial, 20'000); // at least one event per delivery
        QList<QJsonObject> checks;
        for (const WebhookSink::Received &received : events.accepted()) {
            QJsonObject headers;
            for (const char *name : { "webhook-id", "webhook-timestamp", "webhook-signature" })
                headers.insert(QLatin1String(name), QString::fromLatin1(received.header(name)));
            checks << QJsonObject{ { QStringLiteral("kind"), QStringLiteral("standard") }, { QStringLiteral("secret"), QString::fromLatin1(secret) },
                                   { QStringLiteral("headers"), headers }, { QStringLiteral("body"), QString::fromUtf8(received.body) } };
        }
        for (const WebhookSink::Received &received : originals.accepted())
            checks << QJsonObject{ { QStringLiteral("kind"), QStringLiteral("github") },
                                   { QStringLiteral("secret"), QString::fromLatin1(AgentProcess::webhookSecret(Provider::GitHub)) },
                                   { QStringLiteral("signature"), QString::fromLatin1(received.header("X-Hub-Signature-256")) },
                                   { QStringLiteral("body"), QString::fromUtf8(received.body) } };
        // And one each that must fail: the libraries do check.
        QJsonObject forged = checks.first();
        forged.insert(QStringLiteral("body"), forged.value(QStringLiteral("body")).toString() + QLatin1Char(' '));
        checks << forged;
        const QList<ConsumerLibraries::Verdict> verdicts = ConsumerLibraries::verify(checks);
        QCOMPARE(verdicts.size(), checks.size());
        for (qsizetype i = 0; i + 1 < verdicts.size(); ++i)
            QVERIFY2(verdicts.at(i).ok, qPrintable(QStringLiteral("check %1 (%2): %3").arg(i).arg(checks.at(i).value(QStringLiteral("kind")).toString(),
                                                                                                verdicts.at(i).reason)));
        QVERIFY(!verdicts.last().ok);
        QCOMPARE(agent.terminate(), 0);
    }

    // 410 Gone makes a row dead at once; `redeliver --dead` brings it back.
    void goneIsDeadUntilRedelivered()
    {
        WebhookSink sink;
        int status = 410;
        sink.answer = [&status](const WebhookSink::Received &) { return status; };
        QVERIFY(sink.start());
        AgentProcess agent(target(sink) + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        QCOMPARE(post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/app"), 1), "gone-1")->status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(outbox(agent, { QStringLiteral("--state"), QStringLiteral("dead") }).size(), 1, 10'000);
        const QJsonObject dead = outbox(agent, { QStringLiteral("--state"), QStringLiteral("dead") }).first();
        QCOMPARE(dead.value(QStringLiteral("lastStatus")).toInt(), 410);
        QCOMPARE(dead.value(QStringLiteral("deliveryId")).toString(), QStringLiteral("gone-1"));
        QCOMPARE(dead.value(QStringLiteral("repo")).toString(), QStringLiteral("acme/app"));
        QCOMPARE(sink.received.size(), 1); // not retried
        status = 0;
        // A target the config does not name is named back, with the known ones.
        for (const QString &command : { QStringLiteral("redeliver"), QStringLiteral("outbox") }) {
            const AgentProcess::Run unknown = agent.command({ command, QStringLiteral("--target"), QStringLiteral("nosuch"), QStringLiteral("--dead") });
            QCOMPARE(unknown.exitCode, 2);
            QVERIFY2(unknown.err.contains("unknown target nosuch; known: pipekit"), unknown.err.constData());
        }
        const AgentProcess::Run redeliver = agent.command({ QStringLiteral("redeliver"), QStringLiteral("--target"), QStringLiteral("pipekit"),
                                                            QStringLiteral("--dead") });
        QVERIFY2(redeliver.exitCode == 0, redeliver.err.constData());
        QVERIFY(redeliver.out.contains("1 row back to pending"));
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), 1, 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(outbox(agent, { QStringLiteral("--state"), QStringLiteral("delivered") }).size(), 1, 5000);
        QCOMPARE(agent.terminate(), 0);
    }

    // `events show`: the delivery as received (its credential masked), its events, and each
    // target's row with every attempt; `outbox --json` says when the last attempt was.
    void eventsShowHasEveryAttempt()
    {
        WebhookSink sink;
        QVERIFY(sink.start());
        int failures = 2;
        sink.answer = [&failures](const WebhookSink::Received &) { return failures-- > 0 ? 503 : 0; };
        AgentProcess agent(target(sink) + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        QCOMPARE(post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/app"), 1), "show-1")->status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), 1, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(outbox(agent).first().value(QStringLiteral("state")).toString(), QStringLiteral("delivered"), 10'000);
        const QJsonObject row = outbox(agent).first();
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 3);
        const QDateTime lastAttempt = QDateTime::fromString(row.value(QStringLiteral("lastAttemptAt")).toString(), Qt::ISODateWithMs);
        QVERIFY2(lastAttempt.isValid() && lastAttempt.secsTo(QDateTime::currentDateTimeUtc()) < 60, qPrintable(row.value(QStringLiteral("lastAttemptAt")).toString()));

        const QByteArray secret = AgentProcess::webhookSecret(Provider::GitLab);
        const AgentProcess::Run text = agent.command({ QStringLiteral("events"), QStringLiteral("show"), QStringLiteral("gitlab:show-1") });
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(text.out.contains("X-Gitlab-Token: (masked)"), text.out.constData());
        QVERIFY(!text.out.contains(secret));
        QVERIFY2(text.out.contains("X-Gitlab-Event: Push Hook"), text.out.constData());
        QVERIFY2(text.out.contains("push  acme/app  refs/heads/"), text.out.constData());
        QVERIFY2(text.out.contains("pipekit  delivered, 3 attempts"), text.out.constData());
        QCOMPARE(text.out.count(" ms  503"), 2);
        QCOMPARE(text.out.count(" ms  204"), 1);

        const QList<QJsonObject> json = agent.command({ QStringLiteral("events"), QStringLiteral("show"), QStringLiteral("gitlab:show-1"),
                                                        QStringLiteral("--json") })
                                                .jsonLines();
        QCOMPARE(json.size(), 1);
        QCOMPARE(json.first().value(QStringLiteral("headers")).toObject().value(QStringLiteral("X-Gitlab-Token")).toString(), QStringLiteral("(masked)"));
        QCOMPARE(json.first().value(QStringLiteral("body")).toString().toUtf8(), gitlabPush(QStringLiteral("acme/app"), 1));
        const QJsonArray attempts = json.first().value(QStringLiteral("forward")).toArray().first().toObject().value(QStringLiteral("attemptLog")).toArray();
        QCOMPARE(attempts.size(), 3);
        QCOMPARE(attempts.at(0).toObject().value(QStringLiteral("status")).toInt(), 503);
        QVERIFY(attempts.at(0).toObject().value(QStringLiteral("error")).toString().startsWith(QStringLiteral("503")));
        QCOMPARE(attempts.at(2).toObject().value(QStringLiteral("status")).toInt(), 204);
        QVERIFY(attempts.at(2).toObject().value(QStringLiteral("error")).isNull());
        // One after the other, each a moment long.
        QVERIFY(attempts.at(0).toObject().value(QStringLiteral("attemptedAt")).toString() < attempts.at(2).toObject().value(QStringLiteral("attemptedAt")).toString());
        QVERIFY(attempts.at(2).toObject().value(QStringLiteral("durationMs")).toInt() >= 0);

        const AgentProcess::Run unknown = agent.command({ QStringLiteral("events"), QStringLiteral("show"), QStringLiteral("gitlab:nosuch") });
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("no delivery gitlab:nosuch is recorded"), unknown.err.constData());
        QCOMPARE(agent.command({ QStringLiteral("events"), QStringLiteral("show"), QStringLiteral("nosuch") }).exitCode, 2);
        QCOMPARE(agent.terminate(), 0);
    }

    // A target added later gets past deliveries through `redeliver --since`, by its filters.
    void targetAddedLaterGetsThePast()
    {
        WebhookSink sink;
        QVERIFY(sink.start());
        QTemporaryDir keep;
        const QString database = keep.filePath(QStringLiteral("shared.db"));
        {
            AgentProcess before("database: sqlite://" + database.toUtf8() + "\n" + AgentProcess::kAllProviders);
            QVERIFY2(before.start(), before.log().constData());
            for (int i = 0; i < 4; ++i)
                QCOMPARE(post(before, Provider::GitLab, "Push Hook", gitlabPush(i < 3 ? QStringLiteral("acme/app") : QStringLiteral("other/x"), i),
                              "past-" + QByteArray::number(i))->status, 202);
            QCOMPARE(before.terminate(), 0);
        }
        AgentProcess after("database: sqlite://" + database.toUtf8() + "\n" + target(sink, ", repositories: [\"acme/*\"]") + AgentProcess::kAllProviders);
        QVERIFY2(after.start(), after.log().constData());
        // Nothing past is sent by itself: a new delivery goes through, and only it.
        QCOMPARE(post(after, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/app"), 9), "new-0")->status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), 1, 15'000);
        QCOMPARE(sink.received.size(), 1);
        QCOMPARE(sink.accepted().first().header("X-Forgelink-Delivery"), QByteArray("gitlab:new-0"));
        const AgentProcess::Run redeliver = after.command({ QStringLiteral("redeliver"), QStringLiteral("--target"), QStringLiteral("pipekit"),
                                                            QStringLiteral("--since"), QStringLiteral("2020-01-01T00:00:00Z") });
        QVERIFY2(redeliver.exitCode == 0, redeliver.err.constData());
        // new-0 goes again (its row back to pending), the three past ones of acme/* for the first time.
        QVERIFY2(redeliver.out.contains("1 row back to pending, 3 new rows"), redeliver.out.constData());
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), 5, 15'000);
        for (const WebhookSink::Received &received : sink.accepted())
            QVERIFY(received.header("X-Forgelink-Delivery") != "gitlab:past-3");
        QCOMPARE(after.command({ QStringLiteral("redeliver"), QStringLiteral("--target"), QStringLiteral("nobody"), QStringLiteral("--dead") }).exitCode, 2);
        QCOMPARE(after.terminate(), 0);
    }

    // Two agents on one PostgreSQL share the outbox: each row is sent once.
    // An agent killed while it holds rows (claimed, being retried) loses them within half a
    // minute: another agent sends every acknowledged delivery soon after, not after the long
    // lease a claim once took.
    void killedAgentsRowsAreTakenOverSoon()
    {
        if (!TestDatabases::postgresAvailable())
            QSKIP(qPrintable(TestDatabases::postgresMissing()));
        const Result<DatabaseSettings> database = TestDatabases::postgres(QStringLiteral("tst_outbox_takeover"));
        QVERIFY2(database, qPrintable(database.error()));
        const QByteArray url = QStringLiteral("postgresql://%1@%2:%3/%4").arg(database->user, database->host).arg(database->port).arg(database->name).toUtf8();
        WebhookSink sink;
        bool down = true;
        sink.answer = [&down](const WebhookSink::Received &) { return down ? 503 : 0; };
        QVERIFY(sink.start());
        AgentProcess first("database: " + url + "\n" + target(sink) + AgentProcess::kAllProviders);
        AgentProcess second("database: " + url + "\n" + target(sink) + AgentProcess::kAllProviders);
        QVERIFY2(first.start(), first.log().constData());
        const int deliveries = 20;
        for (int i = 0; i < deliveries; ++i)
            QCOMPARE(post(first, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/r%1").arg(i % 5), i), "take-" + QByteArray::number(i))->status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(sink.received.size() >= 5, 10'000); // every repository's head claimed and tried
        first.kill();
        down = false;
        QVERIFY2(second.start(), second.log().constData());
        QElapsedTimer sinceKill;
        sinceKill.start();
        auto arrived = [&] {
            QSet<QByteArray> ids;
            for (const WebhookSink::Received &received : sink.accepted())
                ids.insert(received.header("X-Forgelink-Delivery"));
            return ids.size();
        };
        QTRY_COMPARE_WITH_TIMEOUT(arrived(), deliveries, 60'000);
        QVERIFY2(sinceKill.elapsed() < 45'000, qPrintable(QString::number(sinceKill.elapsed())));
        QCOMPARE(second.terminate(), 0);
    }

    // circuitBreakAfter: a target that keeps failing is probed with one request per backoff step,
    // not by every due row; the first success sends the rest at once. maxPerSecond: never faster.
    void failingTargetIsProbedNotFlooded()
    {
        WebhookSink sink;
        QVERIFY(sink.start());
        bool down = true;
        QElapsedTimer clock;
        clock.start();
        QList<qint64> arrivals; // ms since the test began
        sink.answer = [&](const WebhookSink::Received &) {
            arrivals << clock.elapsed();
            return down ? 503 : 0;
        };
        AgentProcess agent(target(sink, ", parallel: 4, circuitBreakAfter: 3") + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        for (int i = 0; i < 12; ++i)
            QCOMPARE(post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/r%1").arg(i), i), "cb-" + QByteArray::number(i))->status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(agent.log().contains("circuit breaker open"), 15'000);
        const qint64 opened = clock.elapsed();
        // A probe after the first backoff step, then another: the target is still asked.
        QTRY_VERIFY_WITH_TIMEOUT(!arrivals.isEmpty() && arrivals.last() > opened + 2'000, 20'000);
        // Meanwhile at most the three requests on their way when it opened and the first probe:
        // twelve rows retrying on their own would have asked about a dozen times.
        const qsizetype early = std::count_if(arrivals.begin(), arrivals.end(), [&](qint64 at) { return at > opened && at <= opened + 1'500; });
        QVERIFY2(early <= 4, qPrintable(QString::number(early)));
        down = false;
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), 12, 30'000);
        QVERIFY(agent.log().contains("circuit breaker closed"));
        QCOMPARE(agent.terminate(), 0);
    }

    // A consumer too slow to answer within timeoutSeconds fails as surely: its breaker opens too.
    void slowTargetIsProbedToo()
    {
        HostileServer silent("", [] { return QByteArray(); }, 60'000); // never answers
        AgentProcess agent("forward:\n  - {name: pipekit, url: " + silent.url().toUtf8()
                           + ", timeoutSeconds: 1, parallel: 4, circuitBreakAfter: 4}\n" + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        for (int i = 0; i < 8; ++i)
            QCOMPARE(post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/r%1").arg(i), i), "slow-" + QByteArray::number(i))->status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(agent.log().contains("circuit breaker open"), 15'000);
        QElapsedTimer sinceOpen;
        sinceOpen.start();
        const int atOpen = silent.requests;
        // Probes go on (each its step, then its second of timeout) ... The fourth goes out about
        // 18 s after the breaker opened (steps of 1, 2, 4 and 8 s, three timeouts between them);
        // a loaded machine needs room past that.
        QTRY_VERIFY_WITH_TIMEOUT(silent.requests >= atOpen + 4 && sinceOpen.elapsed() > 1'500, 30'000);
        // ... and no faster than one at a time: three on their way at most, then the probes.
        const int steps = 1 + int(sinceOpen.elapsed() / 1'000);
        QVERIFY2(silent.requests - atOpen <= 3 + steps, qPrintable(QStringLiteral("%1 requests in %2 ms").arg(silent.requests - atOpen).arg(sinceOpen.elapsed())));
        QCOMPARE(agent.terminate(), 0);
    }

    void maxPerSecondIsNeverExceeded()
    {
        WebhookSink sink;
        QVERIFY(sink.start());
        AgentProcess agent(target(sink, ", maxPerSecond: 20") + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 60; ++i)
            QCOMPARE(post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/r%1").arg(i), i), "rate-" + QByteArray::number(i))->status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), 60, 30'000);
        // A second's worth (20) at once, then 20 a second: the 40 after them take 2 s at least.
        QVERIFY2(clock.elapsed() >= 1'950, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(agent.terminate(), 0);
    }

    // `forward pause`: every agent on the database stops sending to the target within seconds,
    // its deliveries wait (another target goes on), `status` says so, and `forward resume` sends
    // them all.
    void pausedTargetWaitsOnEveryAgent()
    {
        if (!TestDatabases::postgresAvailable())
            QSKIP(qPrintable(TestDatabases::postgresMissing()));
        const Result<DatabaseSettings> database = TestDatabases::postgres(QStringLiteral("tst_outbox_pause"));
        QVERIFY2(database, qPrintable(database.error()));
        const QByteArray url = QStringLiteral("postgresql://%1@%2:%3/%4").arg(database->user, database->host).arg(database->port).arg(database->name).toUtf8();
        WebhookSink paused, other;
        QVERIFY(paused.start() && other.start());
        const QByteArray targets = "forward:\n  - {name: pipekit, url: " + paused.url().toUtf8() + "}\n  - {name: audit, url: "
                + other.url().toUtf8() + "}\n";
        AgentProcess first("database: " + url + "\n" + targets + AgentProcess::kAllProviders);
        AgentProcess second("database: " + url + "\n" + targets + AgentProcess::kAllProviders);
        QVERIFY2(first.start(), first.log().constData());
        QVERIFY2(second.start(), second.log().constData());

        const AgentProcess::Run pause = first.command({ QStringLiteral("forward"), QStringLiteral("pause"), QStringLiteral("pipekit"),
                                                        QStringLiteral("--reason"), QStringLiteral("Pipekit upgrade") });
        QVERIFY2(pause.exitCode == 0, pause.err.constData());
        QVERIFY2(pause.out.contains("pipekit: paused (Pipekit upgrade)"), pause.out.constData());
        // Both agents read it: their metric says so.
        for (AgentProcess *agent : { &first, &second })
            QTRY_VERIFY_WITH_TIMEOUT(HttpTestClient::exchange(agent->port(), "GET", "/metrics")->body.contains("forgelink_forward_paused{target=\"pipekit\"} 1"),
                                     10'000);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(post(i % 2 ? first : second, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/r%1").arg(i % 3), i),
                          "pause-" + QByteArray::number(i))->status, 202);
        // The other target got every delivery; the paused one none.
        QTRY_COMPARE_WITH_TIMEOUT(other.accepted().size(), 20, 20'000);
        QCOMPARE(paused.received.size(), 0);

        const QList<QJsonObject> listed = first.command({ QStringLiteral("forward"), QStringLiteral("list"), QStringLiteral("--json") }).jsonLines();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed.at(0).value(QStringLiteral("name")).toString(), QStringLiteral("pipekit"));
        QCOMPARE(listed.at(0).value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(listed.at(0).value(QStringLiteral("reason")).toString(), QStringLiteral("Pipekit upgrade"));
        QCOMPARE(listed.at(0).value(QStringLiteral("pending")).toInt(), 20);
        QCOMPARE(listed.at(1).value(QStringLiteral("paused")).toBool(), false);
        QVERIFY(!listed.at(1).value(QStringLiteral("lastDeliveredAt")).isNull());
        const AgentProcess::Run status = first.command({ QStringLiteral("status") });
        QCOMPARE(status.exitCode, 1);
        QVERIFY2(status.out.contains("outbox pipekit: paused since") && status.out.contains("(Pipekit upgrade); 20 pending"), status.out.constData());

        const AgentProcess::Run resume = second.command({ QStringLiteral("forward"), QStringLiteral("resume"), QStringLiteral("pipekit") });
        QVERIFY2(resume.exitCode == 0 && resume.out.contains("pipekit: resumed"), resume.err.constData());
        QTRY_COMPARE_WITH_TIMEOUT(paused.accepted().size(), 20, 20'000);
        for (AgentProcess *agent : { &first, &second })
            QTRY_VERIFY_WITH_TIMEOUT(HttpTestClient::exchange(agent->port(), "GET", "/metrics")->body.contains("forgelink_forward_paused{target=\"pipekit\"} 0"),
                                     10'000);
        QCOMPARE(first.command({ QStringLiteral("forward"), QStringLiteral("pause"), QStringLiteral("nosuch") }).exitCode, 2);
        QCOMPARE(first.command({ QStringLiteral("forward"), QStringLiteral("stop"), QStringLiteral("pipekit") }).exitCode, 2);
        QCOMPARE(first.terminate(), 0);
        QCOMPARE(second.terminate(), 0);
    }

    // The same on one agent and SQLite, and without a reason (the reason is optional).
    void pauseWithoutReasonHoldsAndResumeSends()
    {
        WebhookSink sink;
        QVERIFY(sink.start());
        AgentProcess agent(target(sink) + AgentProcess::kAllProviders);
        QVERIFY2(agent.start(), agent.log().constData());
        const AgentProcess::Run pause = agent.command({ QStringLiteral("forward"), QStringLiteral("pause"), QStringLiteral("pipekit") });
        QVERIFY2(pause.exitCode == 0 && pause.out.contains("pipekit: paused"), (pause.out + pause.err).constData());
        QTRY_VERIFY_WITH_TIMEOUT(HttpTestClient::exchange(agent.port(), "GET", "/metrics")->body.contains("forgelink_forward_paused{target=\"pipekit\"} 1"),
                                 10'000);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(post(agent, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/r%1").arg(i), i), "held-" + QByteArray::number(i))->status, 202);
        const QList<QJsonObject> listed = agent.command({ QStringLiteral("forward"), QStringLiteral("list"), QStringLiteral("--json") }).jsonLines();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(listed.at(0).value(QStringLiteral("pending")).toInt(), 3);
        QVERIFY(sink.accepted().isEmpty());
        QCOMPARE(agent.command({ QStringLiteral("forward"), QStringLiteral("resume"), QStringLiteral("pipekit") }).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), 3, 10'000);
        QCOMPARE(agent.terminate(), 0);
    }

    void twoAgentsOnPostgresSendEachRowOnce()
    {
        if (!TestDatabases::postgresAvailable())
            QSKIP(qPrintable(TestDatabases::postgresMissing()));
        const Result<DatabaseSettings> database = TestDatabases::postgres(QStringLiteral("tst_outbox_two"));
        QVERIFY2(database, qPrintable(database.error()));
        const QByteArray url = QStringLiteral("postgresql://%1@%2:%3/%4").arg(database->user, database->host).arg(database->port).arg(database->name).toUtf8();
        WebhookSink sink;
        QVERIFY(sink.start());
        AgentProcess first("database: " + url + "\n" + target(sink) + AgentProcess::kAllProviders);
        AgentProcess second("database: " + url + "\n" + target(sink) + AgentProcess::kAllProviders);
        QVERIFY2(first.start(), first.log().constData());
        QVERIFY2(second.start(), second.log().constData());
        for (int i = 0; i < 60; ++i)
            QCOMPARE(post(i % 2 ? first : second, Provider::GitLab, "Push Hook", gitlabPush(QStringLiteral("acme/r%1").arg(i % 7), i),
                          "pg-" + QByteArray::number(i))->status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(sink.accepted().size(), 60, 30'000);
        // Once every row is recorded delivered, no agent has anything left to send: then count.
        QTRY_COMPARE_WITH_TIMEOUT(first.command({ QStringLiteral("outbox"), QStringLiteral("--state"), QStringLiteral("delivered"),
                                                  QStringLiteral("--limit"), QStringLiteral("100"), QStringLiteral("--json") })
                                          .out.count('\n'),
                                  60, 15'000);
        QSet<QByteArray> ids;
        for (const WebhookSink::Received &received : sink.accepted())
            ids.insert(received.header("X-Forgelink-Delivery"));
        QCOMPARE(ids.size(), 60);
        QCOMPARE(sink.received.size(), 60);
        QCOMPARE(first.terminate(), 0);
        QCOMPARE(second.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Outbox)
#include "tst_outbox.moc"
