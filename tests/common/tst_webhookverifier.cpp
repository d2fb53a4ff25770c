#include "crypto/crypto.h"
#include "webhookfixtures.h"
#include "intake/deliveryverifier.h"
#include "webhooks/webhookverifier.h"

#include <QTest>

using namespace forgelink;
using namespace forgelink::test;
using Judgement = WebhookVerifier::Judgement;

Q_DECLARE_METATYPE(forgelink::WebhookRequest)

class tst_WebhookVerifier : public QObject {
    Q_OBJECT

private:
    static WebhookRequest request(QList<QPair<QByteArray, QByteArray>> headers, const QByteArray &body)
    {
        return WebhookRequest{ std::move(headers), body };
    }

private Q_SLOTS:
    void githubOfficialTestVector()
    {
        // From GitHub's "Validating webhook deliveries".
        const QByteArray secret("It's a Secret to Everybody");
        const QByteArray body("Hello, World!");
        QCOMPARE(Crypto::hmacSha256(secret, body).toHex(),
                 QByteArray("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        const auto verdict = DeliveryVerifier::verify(
                Provider::GitHub,
                request({ { "X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" } }, body),
                { { secret }, {} });
        QCOMPARE(verdict.judgement, Judgement::Verified);
    }

    void rejections_data()
    {
        QTest::addColumn<Provider>("provider");
        QTest::addColumn<WebhookRequest>("request");
        QTest::addColumn<QString>("reason");
        const QByteArray body("{\"zen\":\"x\"}");
        const QByteArray good = "sha256=" + Crypto::hmacSha256("secret", body).toHex();
        const QByteArray other = "sha256=" + Crypto::hmacSha256("another", body).toHex();

        QTest::newRow("github missing") << Provider::GitHub << request({}, body) << "missing X-Hub-Signature-256 header";
        QTest::newRow("github wrong secret") << Provider::GitHub << request({ { "X-Hub-Signature-256", other } }, body)
                                             << "X-Hub-Signature-256 does not match the body signed with any configured secret";
        QTest::newRow("github tampered body") << Provider::GitHub << request({ { "X-Hub-Signature-256", good } }, body + " ")
                                              << "X-Hub-Signature-256 does not match the body signed with any configured secret";
        QTest::newRow("github sha1 only") << Provider::GitHub << request({ { "X-Hub-Signature", "sha1=abc" } }, body)
                                          << "missing X-Hub-Signature-256 header";
        QTest::newRow("github garbage") << Provider::GitHub << request({ { "X-Hub-Signature-256", "sha256=zz" } }, body)
                                        << "X-Hub-Signature-256 is not sha256=<64 hex digits>";
        QTest::newRow("gitlab missing") << Provider::GitLab << request({}, body) << "missing X-Gitlab-Token header";
        QTest::newRow("gitlab wrong") << Provider::GitLab << request({ { "X-Gitlab-Token", "secreT" } }, body)
                                      << "X-Gitlab-Token does not match any configured secret";
        QTest::newRow("gitlab prefix") << Provider::GitLab << request({ { "X-Gitlab-Token", "secre" } }, body)
                                       << "X-Gitlab-Token does not match any configured secret";
        QTest::newRow("bitbucket unsigned push") << Provider::Bitbucket
                                                 << request({ { "X-Event-Key", "repo:refs_changed" } }, body)
                                                 << "missing X-Hub-Signature header";
        QTest::newRow("bitbucket ping wrong signature")
                << Provider::Bitbucket << request({ { "X-Event-Key", "diagnostics:ping" }, { "X-Hub-Signature", other } }, body)
                << "X-Hub-Signature does not match the body signed with any configured secret";
        QTest::newRow("azure missing") << Provider::AzureDevOps << request({}, body) << "missing Basic authorization";
        QTest::newRow("azure bearer") << Provider::AzureDevOps << request({ { "Authorization", "Bearer abc" } }, body)
                                      << "authorization is not Basic";
        QTest::newRow("azure no colon") << Provider::AzureDevOps
                                        << request({ { "Authorization", "Basic " + QByteArray("pipekit").toBase64() } }, body)
                                        << "Basic authorization is malformed";
        QTest::newRow("azure wrong password")
                << Provider::AzureDevOps << request({ { "Authorization", "Basic " + QByteArray("pipekit:nope").toBase64() } }, body)
                << "Basic authorization user or password does not match";
        QTest::newRow("azure wrong user")
                << Provider::AzureDevOps << request({ { "Authorization", "Basic " + QByteArray("admin:secret").toBase64() } }, body)
                << "Basic authorization user or password does not match";
    }
    void rejections()
    {
        QFETCH(Provider, provider);
        QFETCH(WebhookRequest, request);
        QFETCH(QString, reason);
        const auto verdict = DeliveryVerifier::verify(provider, request, { { "secret" }, "pipekit" });
        QCOMPARE(verdict.judgement, Judgement::Rejected);
        QCOMPARE(verdict.reason, reason);
        QVERIFY(!verdict.reason.contains(QStringLiteral("secret\"")));
    }

    void everyProviderAcceptsItsOwnSigning_data()
    {
        QTest::addColumn<Provider>("provider");
        for (Provider provider : allProviders())
            QTest::newRow(qPrintable(providerId(provider))) << provider;
    }
    void everyProviderAcceptsItsOwnSigning()
    {
        QFETCH(Provider, provider);
        const QByteArray body("{\"a\":1}");
        const WebhookRequest signedWithNew = WebhookFixtures::request(provider, "push", body, "new-secret", "id-1");
        const WebhookRequest signedWithOld = WebhookFixtures::request(provider, "push", body, "old-secret", "id-2");
        const WebhookRequest signedWithRetired = WebhookFixtures::request(provider, "push", body, "retired", "id-3");
        // During a rotation both the new and the old secret are accepted, and nothing else.
        const WebhookCredentials rotating{ { "new-secret", "old-secret" }, "pipekit" };
        QCOMPARE(DeliveryVerifier::verify(provider, signedWithNew, rotating).judgement, Judgement::Verified);
        QCOMPARE(DeliveryVerifier::verify(provider, signedWithOld, rotating).judgement, Judgement::Verified);
        QCOMPARE(DeliveryVerifier::verify(provider, signedWithRetired, rotating).judgement, Judgement::Rejected);
        QCOMPARE(DeliveryVerifier::verify(provider, signedWithOld, { { "new-secret" }, "pipekit" }).judgement, Judgement::Rejected);
    }

    void bitbucketUnsignedPingIsAccepted()
    {
        const auto verdict = DeliveryVerifier::verify(
                Provider::Bitbucket, request({ { "X-Event-Key", "diagnostics:ping" } }, "{\"test\": true}"), { { "s" }, {} });
        QCOMPARE(verdict.judgement, Judgement::UnsignedPing);
    }

    void noSecretConfiguredRejectsEverything()
    {
        const WebhookRequest signedRequest = WebhookFixtures::request(Provider::GitLab, "Push Hook", "{}", "", "x");
        QCOMPARE(DeliveryVerifier::verify(Provider::GitLab, signedRequest, { {}, {} }).judgement, Judgement::Rejected);
    }

    void constantTimeEquals()
    {
        QVERIFY(Crypto::constantTimeEquals("abc", "abc"));
        QVERIFY(!Crypto::constantTimeEquals("abc", "abd"));
        QVERIFY(!Crypto::constantTimeEquals("abc", "abcd"));
        QVERIFY(Crypto::constantTimeEquals("", ""));
    }
};

QTEST_GUILESS_MAIN(tst_WebhookVerifier)
#include "tst_webhookverifier.moc"
