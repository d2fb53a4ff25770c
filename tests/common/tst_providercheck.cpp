#include "connectproxy.h"
#include "fakeproviderapi.h"
#include "providers/azuredevops/azuredevopscheck.h"
#include "providers/bitbucket/bitbucketcheck.h"
#include "providers/gitlab/gitlabcheck.h"
#include "providers/providercheck.h"
#include "testcertificates.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

// The wizard's Verify and `--batch --check`, against fakes that filter and refuse the way the
// real services do: Bitbucket's project list answers 200 whatever the token may do, Azure DevOps
// lists subscriptions for anyone who may view them, Azure DevOps Server refuses newer API versions,
// and on-prem servers sit behind a private CA and a proxy.
class tst_ProviderCheck : public QObject {
    Q_OBJECT

private:
    static QString all(const CheckOutcome &outcome)
    {
        return (outcome.facts + outcome.problems).join(u'\n');
    }

private Q_SLOTS:
    // The wizard's Cancel: the check's request is aborted and its thread ends at once, instead of
    // waiting out a slow provider (here 20 s per answer) in the background.
    void aCancelledCheckEndsAtOnce()
    {
        FakeProviderApi fake(Provider::GitLab);
        QVERIFY(fake.start());
        fake.pageDelayMs = 20'000;
        Answers answers;
        answers.providers.insert(Provider::GitLab, { { QStringLiteral("url"), fake.baseUrl() }, { QStringLiteral("token"), QString::fromUtf8(fake.token) } });
        auto cancel = std::make_shared<std::atomic_bool>(false);
        QTimer::singleShot(300, [cancel] { cancel->store(true); });
        QElapsedTimer elapsed;
        elapsed.start();
        const CheckOutcome outcome = ProviderCheck::run(Provider::GitLab, answers, cancel);
        QVERIFY2(elapsed.elapsed() < 5'000, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY(!outcome.passed);
        QCOMPARE(fake.requests().size(), 1); // it was asking when it was cancelled
    }

    void bitbucketProjectReadIsReallyChecked()
    {
        FakeProviderApi fake(Provider::Bitbucket);
        fake.addRepos(6, 2); // projects PRJ0 and PRJ1
        QVERIFY(fake.start());
        const ProviderAnswers answers{ { QStringLiteral("url"), fake.baseUrl() }, { QStringLiteral("token"), QString::fromUtf8(fake.token) } };

        fake.bitbucketProjectRead = { QStringLiteral("PRJ0") }; // may view PRJ1 through its repositories only
        const CheckOutcome missing = BitbucketCheck::run(answers, {});
        QVERIFY2(!missing.passed, qPrintable(all(missing)));
        QVERIFY2(missing.problems.join(u'\n').contains(QStringLiteral("lacks PROJECT_READ on PRJ1")), qPrintable(all(missing)));

        fake.bitbucketProjectRead.clear(); // reads every project
        const CheckOutcome granted = BitbucketCheck::run(answers, {});
        QVERIFY2(granted.passed, qPrintable(all(granted)));
        QVERIFY(all(granted).contains(QStringLiteral("PROJECT_READ")));
    }

    void azureEditSubscriptionsIsCheckedWithoutLeavingAnything()
    {
        FakeProviderApi fake(Provider::AzureDevOps);
        fake.addRepos(4, 2); // projects team0 and team1
        QVERIFY(fake.start());
        const ProviderAnswers answers{ { QStringLiteral("organizationUrl"), fake.baseUrl() }, { QStringLiteral("token"), QString::fromUtf8(fake.token) },
                                       { QStringLiteral("webhookBasicAuthUser"), QStringLiteral("pipekit") }, { QStringLiteral("apiVersion"), QStringLiteral("7.1") } };

        fake.azureCanEditSubscriptions = { { QStringLiteral("team0"), false }, { QStringLiteral("team1"), false } };
        const CheckOutcome denied = AzureDevOpsCheck::run(answers, {});
        QVERIFY2(!denied.passed, qPrintable(all(denied)));
        QVERIFY2(denied.problems.join(u'\n').contains(QStringLiteral("\"Edit subscriptions\"")), qPrintable(all(denied)));

        fake.azureCanEditSubscriptions = { { QStringLiteral("team1"), false } };
        const CheckOutcome partly = AzureDevOpsCheck::run(answers, {});
        QVERIFY2(partly.passed, qPrintable(all(partly)));
        QVERIFY2(all(partly).contains(QStringLiteral("may not edit Service Hook subscriptions in team1")), qPrintable(all(partly)));

        fake.azureCanEditSubscriptions.clear();
        const CheckOutcome allowed = AzureDevOpsCheck::run(answers, {});
        QVERIFY2(allowed.passed, qPrintable(all(allowed)));
        // Nothing was created to find out.
        QCOMPARE(fake.subscriptions.size(), 0);
        for (const FakeProviderApi::Seen &seen : fake.requests())
            QCOMPARE(seen.method, QByteArray("GET"));
    }

    void azureDevOpsServerSpeaksAnOlderApi()
    {
        FakeProviderApi fake(Provider::AzureDevOps);
        fake.addRepos(2, 1);
        fake.azureApiVersion = QVersionNumber(6, 0); // Azure DevOps Server 2020
        QVERIFY(fake.start());
        ProviderAnswers answers{ { QStringLiteral("organizationUrl"), fake.baseUrl() }, { QStringLiteral("token"), QString::fromUtf8(fake.token) },
                                 { QStringLiteral("webhookBasicAuthUser"), QStringLiteral("pipekit") } };
        const CheckOutcome newer = AzureDevOpsCheck::run(answers, {});
        QVERIFY(!newer.passed);
        QVERIFY2(all(newer).contains(QStringLiteral("speaks REST API versions up to 6.0 (Azure DevOps Server 2020), not 7.0")),
                 qPrintable(all(newer)));
        answers.set(QStringLiteral("apiVersion"), QStringLiteral("6.0"));
        fake.clearRequests();
        const CheckOutcome matching = AzureDevOpsCheck::run(answers, {});
        QVERIFY2(matching.passed, qPrintable(all(matching)));
        for (const FakeProviderApi::Seen &seen : fake.requests())
            QVERIFY2(seen.query.contains("api-version=6.0"), seen.query.constData());
    }

    // An on-prem GitLab behind the company's CA: refused without the bundle, trusted with it, and
    // reached through the company's proxy.
    void privateCaAndProxy()
    {
        QTemporaryDir dir;
        const TestCertificates certificates;
        QVERIFY(certificates.writeTo(dir.path()));
        FakeProviderApi fake(Provider::GitLab);
        QVERIFY(fake.start(dir.filePath(QStringLiteral("server.pem")), dir.filePath(QStringLiteral("server.key"))));
        QVERIFY(fake.baseUrl().startsWith(QStringLiteral("https://")));
        const ProviderAnswers answers{ { QStringLiteral("url"), fake.baseUrl() }, { QStringLiteral("token"), QString::fromUtf8(fake.token) } };

        const CheckOutcome untrusted = GitLabCheck::run(answers, {});
        QVERIFY(!untrusted.passed);
        QVERIFY2(all(untrusted).contains(QStringLiteral("certificate is not trusted: give the CA bundle")), qPrintable(all(untrusted)));
        QCOMPARE(fake.requestCount(), 0);

        NetworkSettings network;
        network.caBundleFile = dir.filePath(QStringLiteral("ca.pem"));
        const CheckOutcome trusted = GitLabCheck::run(answers, network);
        QVERIFY2(trusted.passed, qPrintable(all(trusted)));

        ConnectProxy proxy;
        QVERIFY(proxy.start());
        network.proxyUrl = proxy.url();
        const CheckOutcome proxied = GitLabCheck::run(answers, network);
        QVERIFY2(proxied.passed, qPrintable(all(proxied)));
        QVERIFY2(!proxy.tunnels().isEmpty(), "no CONNECT reached the proxy");
        QCOMPARE(proxy.tunnels().first(), QStringLiteral("127.0.0.1:%1").arg(QUrl(fake.baseUrl()).port()));
    }
};

QTEST_GUILESS_MAIN(tst_ProviderCheck)
#include "tst_providercheck.moc"
