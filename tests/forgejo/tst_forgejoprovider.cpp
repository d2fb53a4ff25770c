#include "fakeforgejo.h"
#include "forgejoprovider.h"

#include "agentservice.h"
#include "checkedlineedit.h"
#include "config/agentconfigreader.h"
#include "config/agentconfigwriter.h"
#include "config/answersreader.h"
#include "config/answersvalidator.h"
#include "config/setupgenerator.h"
#include "config/valuesreader.h"
#include "crypto/crypto.h"
#include "providerfieldspage.h"
#include "providers/providercheck.h"
#include "providers/providerregistry.h"
#include "reviewpage.h"
#include "setupwizard.h"
#include "store/store.h"
#include "sync/repositorysync.h"

#include <QCheckBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace forgelink;
using namespace forgelink::test;

// A fifth provider, Forgejo, registered from this folder alone (ProviderRegistry::add): its
// answers are read and checked, values.yaml and agent.yaml are written and read back, the agent
// verifies and records its deliveries at its path, syncs its repositories from a fake of its API,
// and the wizard asks for it on the generic page and masks its token in the review. Nothing
// outside this folder names it.
class tst_ForgejoProvider : public QObject {
    Q_OBJECT

    static constexpr Provider kForgejo = ForgejoProvider::kKind;

    QTemporaryDir m_dir;
    FakeForgejo m_fake;

    QByteArray answersYaml() const
    {
        return "domain: pipekit.example.com\nforgejo:\n  url: " + m_fake.baseUrl().toUtf8() + "\n  token: " + m_fake.token + "\n";
    }

    Answers answers() const
    {
        return AnswersReader::readText(answersYaml(), m_dir.path()).answers;
    }

    static ValuesLayout layout()
    {
        return ValuesLayout::fromText("forgejo:\n  enabled: gitProviders.forgejo.enabled\n  url: gitProviders.forgejo.url\n"
                                      "  webhookSecret: gitProviders.forgejo.webhookSecret\n",
                                      QStringLiteral("layout.yaml"))
                .value();
    }

    // agent.yaml as the wizard writes it, read as the agent reads it, on a free loopback port.
    AgentConfig agentConfig() const
    {
        const Result<SetupGenerator::Output> output = SetupGenerator::generate(answers(), layout());
        AgentConfigReader::Reading read = AgentConfigReader::readText(output->agentYaml, m_dir.path());
        read.config.listenAddress = QHostAddress::LocalHost;
        read.config.listenPort = 0;
        return read.config;
    }

private Q_SLOTS:
    void initTestCase()
    {
        static const ForgejoProvider forgejo;
        ProviderRegistry::add(&forgejo);
        QVERIFY(m_dir.isValid());
        m_fake.addRepos(120);
        QVERIFY(m_fake.start());
    }

    void answersAreReadAndCheckedFromItsFields()
    {
        const AnswersReader::Reading bad = AnswersReader::readText("domain: pipekit.example.com\nforgejo:\n  url: ftp://forge.example.org\n  tokn: x\n",
                                                                   m_dir.path());
        const QStringList errors = toStringList(AnswersValidator::validate(bad));
        QVERIFY2(errors.contains(QStringLiteral("forgejo.tokn: unknown setting; known: url, token, webhookSecret")), qPrintable(errors.join(u'\n')));
        QVERIFY2(errors.contains(QStringLiteral("forgejo.url: must be an https URL, got \"ftp://forge.example.org\"")), qPrintable(errors.join(u'\n')));
        QVERIFY2(errors.contains(QStringLiteral("forgejo.token: is required")), qPrintable(errors.join(u'\n')));

        qputenv("FORGEJO_TOKEN_FOR_TEST", m_fake.token);
        const AnswersReader::Reading good = AnswersReader::readText("domain: pipekit.example.com\nforgejo:\n  url: " + m_fake.baseUrl().toUtf8()
                                                                            + "\n  token: env:FORGEJO_TOKEN_FOR_TEST\n",
                                                                    m_dir.path());
        QVERIFY2(AnswersValidator::validate(good).isEmpty(), qPrintable(toStringList(AnswersValidator::validate(good)).join(u'\n')));
        QCOMPARE(good.answers.provider(kForgejo)->value(QStringLiteral("token")).toUtf8(), m_fake.token); // the reference was read
        QVERIFY(!good.answers.isEnabled(Provider::GitHub));
    }

    void valuesAndAgentConfigAreWrittenAndReadBack()
    {
        const Result<SetupGenerator::Output> output = SetupGenerator::generate(answers(), layout());
        QVERIFY2(output, qPrintable(output.error()));
        const YAML::Node values = YAML::Load(output->valuesYaml.toStdString());
        QCOMPARE(values["gitProviders"]["forgejo"]["enabled"].as<std::string>(), std::string("true"));
        QCOMPARE(QString::fromStdString(values["gitProviders"]["forgejo"]["url"].as<std::string>()), m_fake.baseUrl());
        const QByteArray webhookSecret = QByteArray::fromStdString(values["gitProviders"]["forgejo"]["webhookSecret"].as<std::string>());
        QCOMPARE(webhookSecret.size(), 48); // generated, as for every provider's GeneratedSecret
        QVERIFY(!output->valuesYaml.contains(m_fake.token)); // the token is not one of its values

        const AgentConfigReader::Reading agent = AgentConfigReader::readText(output->agentYaml, m_dir.path());
        QVERIFY2(agent.errors.isEmpty(), qPrintable(toStringList(agent.errors).join(u'\n')));
        QCOMPARE(agent.config.enabledProviders(), QList<Provider>{ kForgejo });
        QCOMPARE(agent.config.provider(kForgejo)->secret(QStringLiteral("token")), m_fake.token);
        QCOMPARE(agent.config.provider(kForgejo)->secrets(QStringLiteral("webhookSecret")), QByteArrayList{ webhookSecret });

        // On Kubernetes the secrets are files of the agent's Secret, under the names declared.
        QVERIFY2(output->kubernetesSecretYaml.contains("forgejo-token: \"" + m_fake.token + '"'), output->kubernetesSecretYaml.constData());
        QVERIFY2(output->kubernetesAgentYaml.contains(QByteArray("file:") + AgentConfigWriter::kSecretMount + "/forgejo-webhook-secret"),
                 output->kubernetesAgentYaml.constData());

        const Result<Answers> reopened = ValuesReader::readText(output->valuesYaml, layout(), QStringLiteral("values.yaml"));
        QVERIFY2(reopened, qPrintable(reopened.error()));
        QCOMPARE(reopened->provider(kForgejo)->value(QStringLiteral("webhookSecret")).toUtf8(), webhookSecret);

        const Result<ValuesLayout> wrong = ValuesLayout::fromText("forgejo:\n  token: gitProviders.forgejo.token\n", QStringLiteral("my.yaml"));
        QCOMPARE(wrong.error(), QStringLiteral("my.yaml: forgejo.token: unknown field; known: enabled, url, webhookSecret"));
    }

    void serveVerifiesAndRecordsItsDeliveries()
    {
        const AgentConfig config = agentConfig();
        const QByteArray secret = config.provider(kForgejo)->secrets(QStringLiteral("webhookSecret")).value(0);
        QVERIFY(!secret.isEmpty());
        const QByteArray body = R"({"ref":"refs/heads/main","before":"1111111111111111111111111111111111111111",)"
                                R"("after":"2222222222222222222222222222222222222222","repository":{"full_name":"acme/repo0"}})";
        {
            AgentService service(config);
            const Result<void> started = service.start();
            QVERIFY2(started, qPrintable(started.error()));
            QNetworkAccessManager network;
            auto post = [&](const QByteArray &signature, const QByteArray &delivery) -> int {
                QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/events-handler/v1/events/forgejo").arg(service.port())));
                request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
                request.setRawHeader("X-Forgejo-Event", "push");
                request.setRawHeader("X-Forgejo-Delivery", delivery);
                if (!signature.isEmpty())
                    request.setRawHeader("X-Forgejo-Signature", signature);
                std::unique_ptr<QNetworkReply> reply(network.post(request, body));
                if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 10'000))
                    return -1;
                return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            };
            QCOMPARE(post(Crypto::hmacSha256(secret, body).toHex(), "f6266f16-1bf3-46a5-9ea4-602e06ead473"), 202);
            QCOMPARE(post(Crypto::hmacSha256(secret, body).toHex(), "f6266f16-1bf3-46a5-9ea4-602e06ead473"), 200); // once only
            QCOMPARE(post(Crypto::hmacSha256("another-secret", body).toHex(), "aaaaaaaa-1bf3-46a5-9ea4-602e06ead473"), 401);
            QCOMPARE(post({}, "bbbbbbbb-1bf3-46a5-9ea4-602e06ead473"), 401);
            service.stop();
        }
        Result<std::unique_ptr<Store>> store = Store::open(config.database, QStringLiteral("forgejo-check"));
        QVERIFY2(store, qPrintable(store.error()));
        QCOMPARE(store.value()->ledger().count(kForgejo).value(), qint64(1));
        const std::optional<Delivery> recorded = store.value()->ledger().find(kForgejo, QStringLiteral("f6266f16-1bf3-46a5-9ea4-602e06ead473")).value();
        QVERIFY(recorded);
        QCOMPARE(recorded->events.size(), 1);
        QCOMPARE(recorded->events.first().repo, QStringLiteral("acme/repo0"));
        QCOMPARE(recorded->events.first().kind, QStringLiteral("push"));
    }

    void syncListsItsRepositoriesFromTheApi()
    {
        AgentConfig config = agentConfig();
        config.database.sqlitePath = m_dir.filePath(QStringLiteral("sync.db")); // not the one `serve` synced into at its start
        Result<std::unique_ptr<Store>> store = Store::open(config.database, QStringLiteral("forgejo-sync"));
        QVERIFY2(store, qPrintable(store.error()));
        const int before = m_fake.requests;
        const Result<QList<RepositorySync::ProviderRun>> runs = RepositorySync(config, *store.value(), QStringLiteral("test")).run(kForgejo, 1000);
        QVERIFY2(runs, qPrintable(runs.error()));
        QVERIFY2(runs->first().succeeded, qPrintable(runs->first().error));
        QCOMPARE(runs->first().counts.added, 120);
        QCOMPARE(m_fake.requests - before, 3); // 50 per page, the limit Forgejo caps
        QCOMPARE(store.value()->repositories().list(kForgejo).value().size(), 120);

        config.providers[kForgejo].set(QStringLiteral("token"), QByteArray("revoked"));
        const Result<QList<RepositorySync::ProviderRun>> refused = RepositorySync(config, *store.value(), QStringLiteral("test")).run(kForgejo, 1000);
        QVERIFY(refused && !refused->first().succeeded);
        QVERIFY2(refused->first().error.contains(QStringLiteral("401")) && refused->first().error.contains(QStringLiteral("token is required")),
                 qPrintable(refused->first().error));
        QCOMPARE(store.value()->repositories().list(kForgejo).value().size(), 120); // a failed listing replaces nothing
    }

    // The wizard's Verify runs the provider's own check through the generic ProviderCheck.
    void verifyChecksTheToken()
    {
        const CheckOutcome passed = ProviderCheck::run(kForgejo, answers());
        QVERIFY2(passed.passed, qPrintable(passed.problems.join(u'\n')));
        QCOMPARE(passed.facts, QStringList{ QStringLiteral("The token reaches 120 repositories.") });

        Answers revoked = answers();
        revoked.provider(kForgejo)->set(QStringLiteral("token"), QStringLiteral("revoked"));
        const CheckOutcome refused = ProviderCheck::run(kForgejo, revoked);
        QVERIFY(!refused.passed);
        QVERIFY2(refused.problems.join(u'\n').contains(QStringLiteral("token is required")), qPrintable(refused.problems.join(u'\n')));
    }

    void wizardAsksForItOnTheGenericPage()
    {
        SetupWizard::Options options;
        options.settingsFile = m_dir.filePath(QStringLiteral("session.ini"));
        options.keychainService = QStringLiteral("forgelink-test-forgejo");
        options.resume = false;
        SetupWizard wizard(options);
        auto *use = wizard.findChild<QCheckBox *>(QStringLiteral("use.forgejo"));
        QVERIFY(use);
        QCOMPARE(use->text(), QStringLiteral("&Forgejo (test provider)"));
        auto *url = wizard.findChild<CheckedLineEdit *>(QStringLiteral("forgejo.url"));
        auto *token = wizard.findChild<CheckedLineEdit *>(QStringLiteral("forgejo.token"));
        auto *webhookSecret = wizard.findChild<CheckedLineEdit *>(QStringLiteral("forgejo.webhookSecret"));
        QVERIFY(url && token && webhookSecret);
        QVERIFY(qobject_cast<ProviderFieldsPage *>(url->parentWidget()));
        QCOMPARE(webhookSecret->text().size(), 48); // generated on the page
        url->setText(QStringLiteral("ftp://forge"));
        QVERIFY(!url->isValid()); // the declared check, as the admin types
        url->setText(m_fake.baseUrl());
        token->setText(QString::fromUtf8(m_fake.token));
        QVERIFY(url->isValid() && token->isValid());
        use->setChecked(true);

        Answers collected = wizard.answers();
        collected.domain = QStringLiteral("pipekit.example.com");
        QCOMPARE(collected.provider(kForgejo)->value(QStringLiteral("token")).toUtf8(), m_fake.token);
        QCOMPARE(collected.provider(kForgejo)->value(QStringLiteral("webhookSecret")), webhookSecret->text());

        ReviewPage review([collected] { return collected; });
        review.initializePage();
        const QString agent = review.findChild<QPlainTextEdit *>(QStringLiteral("reviewAgent"))->toPlainText();
        QVERIFY2(agent.contains(QStringLiteral("forgejo:")) && agent.contains(QStringLiteral("••••••••")), qPrintable(agent));
        QVERIFY(!agent.contains(QString::fromUtf8(m_fake.token)));
        QVERIFY(!agent.contains(webhookSecret->text()));
        review.findChild<QCheckBox *>()->setChecked(true);
        QVERIFY(review.findChild<QPlainTextEdit *>(QStringLiteral("reviewAgent"))->toPlainText().contains(QString::fromUtf8(m_fake.token)));
    }
};

QTEST_MAIN(tst_ForgejoProvider)
#include "tst_forgejoprovider.moc"
