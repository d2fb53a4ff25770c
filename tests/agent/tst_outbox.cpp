#include "agentprocess.h"
#include "crypto/crypto.h"
#include "forward/standardwebhooks.h"
#include "httptestclient.h"
#include "providers/providercatalogue.h"
#include "testdatabases.h"
#include "webhookfixtures.h"
#include "webhooksink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <csignal>

using namespace forgelink;
using namespace forgelink::test;

namespace {

const QByteArray kProviders = "providers:\n"
                              "  github: {appId: 1, webhookSecret: github-secret-value}\n"
                              "  gitlab: {webhookSecret: gitlab-secret-value}\n"
                              "  bitbucket: {url: https://bitbucket.example.com, webhookSecret: bitbucket-secret-value}\n"
                              "  azureDevOps: {organizationUrl: https://dev.azure.com/acme, webhookBasicAuthUser: pipekit,\n"
                              "                webhookBasicAuthPass: azure-password-value}\n";

QByteArray secretFor(Provider provider)
{
    switch (provider) {
    case Provider::GitHub: return "github-secret-value";
    case Provider::GitLab: return "gitlab-secret-value";
    case Provider::Bitbucket: return "bitbucket-secret-value";
    case Provider::AzureDevOps: return "azure-password-value";
    }
    return {};
}

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
                                        WebhookFixtures::headers(provider, event, body, secretFor(provider), id), body);
    }

    static QByteArray target(const WebhookSink &sink, const QByteArray &extra = {})
    {
        return "forward:\n  - {name: pipekit, url: " + sink.url().toUtf8() + extra + "}\n";
    }

    static QList<QJsonObject> outbox(AgentProcess &agent, const QStringList &options = {})
    {
        QList<QJsonObject> rows;
        const AgentProcess::Run run = agent.command(QStringList{ QStringLiteral("outbox"), QStringLiteral("--json") } + options);
        for (const QByteArray &line : run.out.split('\n')) {
            if (!line.isEmpty())
                rows << QJsonDocument::fromJson(line).object();
        }
        return rows;
    }

private Q_SLOTS:
    // format original: the provider's body byte for byte, with its own signature headers, so the
    // target verifies it as if the provider had called it.
    void originalTargetGetsTheProvidersRequest()
    {
        WebhookSink sink;
        QVERIFY(sink.start());
        AgentProcess agent(target(sink) + kProviders);
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
            const QByteArray secret = secretFor(provider);
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
};

QTEST_GUILESS_MAIN(tst_Outbox)
#include "tst_outbox.moc"
