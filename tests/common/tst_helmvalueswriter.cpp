#include "providers/providerregistry.h"
#include "config/agentconfigreader.h"
#include "providers/azuredevops/azuredevopssettings.h"
#include "providers/bitbucket/bitbucketsettings.h"
#include "providers/gitlab/gitlabsettings.h"
#include "providers/github/githubsettings.h"
#include "settings/answers.h"
#include "config/setupgenerator.h"
#include "testkeys.h"
#include "config/valueslayout.h"

#include <QTest>

#include <yaml-cpp/yaml.h>

#include <map>

using namespace forgelink;
using namespace forgelink::test;

namespace {

using Flat = std::map<std::string, std::string>;

// Flattens parsed YAML into "a.b.c" -> scalar, so files compare key by key.
void flatten(const YAML::Node &node, const std::string &prefix, Flat &out)
{
    if (node.IsMap()) {
        for (const auto &entry : node)
            flatten(entry.second, prefix.empty() ? entry.first.Scalar() : prefix + "." + entry.first.Scalar(), out);
    } else {
        out[prefix] = node.Scalar();
    }
}

Answers answersFor(int mask)
{
    Answers answers;
    answers.domain = QStringLiteral("pipekit.example.com");
    if (mask & 1) {
        ProviderAnswers &github = ProviderRegistry::enable(answers, Provider::GitHub);
        github.set(QStringLiteral("appName"), QStringLiteral("Pipekit acme"));
        github.set(QStringLiteral("appId"), QStringLiteral("123456"));
        github.set(QStringLiteral("clientId"), QStringLiteral("Iv23liAbcdef"));
        github.set(QStringLiteral("clientSecret"), QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
        github.set(QStringLiteral("privateKey"), QString::fromUtf8(TestKeys::rsaPrivateKeyPem()));
    }
    if (mask & 2)
        answers.providers.insert(Provider::GitLab, { { QStringLiteral("url"), QStringLiteral("https://gitlab.example.com") },
                                                     { QStringLiteral("token"), QStringLiteral("glpat-token-123") } });
    if (mask & 4)
        answers.providers.insert(Provider::Bitbucket, { { QStringLiteral("url"), QStringLiteral("https://bitbucket.example.com") },
                                                        { QStringLiteral("token"), QStringLiteral("bbdc-token-123") },
                                                        { QStringLiteral("webhookSecret"), QStringLiteral("given-bitbucket-secret-123") } });
    if (mask & 8)
        answers.providers.insert(Provider::AzureDevOps, { { QStringLiteral("organizationUrl"), QStringLiteral("https://dev.azure.com/acme") },
                                                          { QStringLiteral("token"), QStringLiteral("azdo-pat-123") },
                                                          { QStringLiteral("webhookBasicAuthUser"), QStringLiteral("pipekit") } });
    return answers;
}

} // namespace

class tst_HelmValuesWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyCombinationOfProviders_data()
    {
        QTest::addColumn<int>("mask");
        for (int mask = 1; mask < 16; ++mask)
            QTest::addRow("providers-%d", mask) << mask;
    }
    void everyCombinationOfProviders()
    {
        QFETCH(int, mask);
        const Result<ValuesLayout> layout = ValuesLayout::builtIn();
        QVERIFY2(layout, qPrintable(layout.error()));
        const Result<SetupGenerator::Output> output = SetupGenerator::generate(answersFor(mask), layout.value());
        QVERIFY2(output, qPrintable(output.error()));
        const Answers &done = output->answers;

        Flat actual;
        flatten(YAML::Load(output->valuesYaml.toStdString()), "", actual);

        Flat expected;
        expected["gitProviders.github.enabled"] = (mask & 1) ? "true" : "false";
        expected["gitProviders.gitlab.enabled"] = (mask & 2) ? "true" : "false";
        expected["gitProviders.bitbucket.enabled"] = (mask & 4) ? "true" : "false";
        expected["gitProviders.azureDevOps.enabled"] = (mask & 8) ? "true" : "false";
        if (mask & 1) {
            expected["gitProviders.github.appName"] = "Pipekit acme";
            expected["gitProviders.github.appId"] = "123456";
            expected["gitProviders.github.clientId"] = "Iv23liAbcdef";
            expected["gitProviders.github.clientSecret"] = "0123456789abcdef0123456789abcdef01234567";
            expected["gitProviders.github.privateKey"] = TestKeys::rsaPrivateKeyPem().toStdString();
            expected["gitProviders.github.webhookSecret"] = done.provider(Provider::GitHub)->value(QStringLiteral("webhookSecret")).toStdString();
            QCOMPARE(done.provider(Provider::GitHub)->value(QStringLiteral("webhookSecret")).size(), 48);
        }
        if (mask & 2) {
            expected["gitProviders.gitlab.webhookSecret"] = done.provider(Provider::GitLab)->value(QStringLiteral("webhookSecret")).toStdString();
            QCOMPARE(done.provider(Provider::GitLab)->value(QStringLiteral("webhookSecret")).size(), 48);
        }
        if (mask & 4)
            expected["gitProviders.bitbucket.webhookSecret"] = "given-bitbucket-secret-123";
        if (mask & 8) {
            expected["gitProviders.azureDevOps.webhookBasicAuthUser"] = "pipekit";
            expected["gitProviders.azureDevOps.webhookBasicAuthPass"] = done.provider(Provider::AzureDevOps)->value(QStringLiteral("webhookBasicAuthPass")).toStdString();
        }
        QCOMPARE(actual, expected);

        // The agent's config, read back, carries the very same secrets.
        const AgentConfigReader::Reading agent = AgentConfigReader::readText(output->agentYaml, QStringLiteral("/tmp"));
        QVERIFY2(agent.errors.isEmpty(), qPrintable(toStringList(agent.errors).join(u'\n')));
        QCOMPARE(agent.config.isEnabled(Provider::GitHub), bool(mask & 1));
        QCOMPARE(agent.config.isEnabled(Provider::GitLab), bool(mask & 2));
        QCOMPARE(agent.config.isEnabled(Provider::Bitbucket), bool(mask & 4));
        QCOMPARE(agent.config.isEnabled(Provider::AzureDevOps), bool(mask & 8));
        if (mask & 1) {
            QCOMPARE(agent.config.settingsOf<GitHubSettings>(Provider::GitHub)->webhookSecrets, QList<QByteArray>{ done.provider(Provider::GitHub)->value(QStringLiteral("webhookSecret")).toUtf8() });
            QCOMPARE(agent.config.settingsOf<GitHubSettings>(Provider::GitHub)->privateKeyPem, TestKeys::rsaPrivateKeyPem());
            QCOMPARE(agent.config.settingsOf<GitHubSettings>(Provider::GitHub)->appId, QStringLiteral("123456"));
        }
        if (mask & 2)
            QCOMPARE(agent.config.settingsOf<GitLabSettings>(Provider::GitLab)->token, QByteArray("glpat-token-123"));
        if (mask & 8)
            QCOMPARE(agent.config.settingsOf<AzureDevOpsSettings>(Provider::AzureDevOps)->basicAuthPasswords,
                     QList<QByteArray>{ done.provider(Provider::AzureDevOps)->value(QStringLiteral("webhookBasicAuthPass")).toUtf8() });
        QCOMPARE(agent.config.publicUrl.toString(), QStringLiteral("https://pipekit.example.com"));
    }

    void privateKeyIsByteExact_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::newRow("openssl output") << TestKeys::rsaPrivateKeyPem();
        QTest::newRow("crlf line ends") << TestKeys::rsaPrivateKeyPem().replace("\n", "\r\n");
        QTest::newRow("no final newline") << TestKeys::rsaPrivateKeyPem().chopped(1);
    }
    void privateKeyIsByteExact()
    {
        QFETCH(QByteArray, pem);
        Answers answers = answersFor(1);
        answers.provider(Provider::GitHub)->set(QStringLiteral("privateKey"), QString::fromUtf8(pem));
        const Result<SetupGenerator::Output> output = SetupGenerator::generate(answers, ValuesLayout::builtIn().value());
        QVERIFY2(output, qPrintable(output.error()));
        const YAML::Node values = YAML::Load(output->valuesYaml.toStdString());
        QCOMPARE(QByteArray::fromStdString(values["gitProviders"]["github"]["privateKey"].Scalar()), pem);
        if (!pem.contains('\r') && pem.endsWith('\n'))
            QVERIFY(output->valuesYaml.contains("privateKey: |\n      -----BEGIN PRIVATE KEY-----\n"));
    }

    void layoutOverrideRenamesKeys()
    {
        const Result<ValuesLayout> layout = ValuesLayout::fromText(
                "github:\n  enabled: integrations.gh.on\n  appId: integrations.gh.id\n"
                "gitlab:\n  enabled: integrations.gl.on\n",
                QStringLiteral("my-layout.yaml"));
        QVERIFY2(layout, qPrintable(layout.error()));
        const Result<SetupGenerator::Output> output = SetupGenerator::generate(answersFor(1), layout.value());
        QVERIFY(output);
        Flat actual;
        flatten(YAML::Load(output->valuesYaml.toStdString()), "", actual);
        QCOMPARE(actual, (Flat{ { "integrations.gh.on", "true" }, { "integrations.gh.id", "123456" },
                                { "integrations.gl.on", "false" } }));
    }

    void badLayoutsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown section") << QByteArray("gitea:\n  enabled: a.b\n")
                                         << "my.yaml: unknown section gitea; known: github, gitlab, bitbucket, azureDevOps";
        QTest::newRow("unknown field") << QByteArray("github:\n  appID: a.b\n")
                                       << "my.yaml: github.appID: unknown field; known: enabled, organization, appName, appId, clientId, clientSecret, privateKey, webhookSecret, apiUrl";
        QTest::newRow("bad key") << QByteArray("gitlab:\n  enabled: \"a..b\"\n")
                                 << "my.yaml: gitlab.enabled: must be a dotted key such as gitProviders.gitlab.enabled";
    }
    void badLayoutsAreNamed()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QCOMPARE(ValuesLayout::fromText(text, QStringLiteral("my.yaml")).error(), expected);
    }

    void stringsThatLookLikeNumbersStayStrings()
    {
        Answers answers = answersFor(1);
        answers.provider(Provider::GitHub)->set(QStringLiteral("clientSecret"), QStringLiteral("12345678901234567890"));
        answers.provider(Provider::GitHub)->set(QStringLiteral("appName"), QStringLiteral("true"));
        const Result<SetupGenerator::Output> output = SetupGenerator::generate(answers, ValuesLayout::builtIn().value());
        QVERIFY(output);
        QVERIFY(output->valuesYaml.contains("clientSecret: \"12345678901234567890\""));
        QVERIFY(output->valuesYaml.contains("appName: \"true\""));
    }
};

QTEST_GUILESS_MAIN(tst_HelmValuesWriter)
#include "tst_helmvalueswriter.moc"
