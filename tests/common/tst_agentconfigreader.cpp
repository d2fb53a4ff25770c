#include "config/agentconfigreader.h"
#include "providers/azuredevops/azuredevopssettings.h"
#include "providers/bitbucket/bitbucketsettings.h"
#include "providers/gitlab/gitlabsettings.h"
#include "providers/github/githubsettings.h"
#include "testkeys.h"
#include "testpaths.h"

#include <QTemporaryDir>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

class tst_AgentConfigReader : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    AgentConfigReader::Reading read(const QByteArray &text)
    {
        return AgentConfigReader::readText(text, m_dir.path());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestPaths::writeFile(m_dir.filePath(QStringLiteral("gh.pem")), TestKeys::rsaPrivateKeyPem()));
        QVERIFY(TestPaths::writeFile(m_dir.filePath(QStringLiteral("azdo")), "azdo-token\n"));
    }

    void fullExample()
    {
        qputenv("FORGELINK_TEST_GH_SECRET", "github-secret-from-env");
        const AgentConfigReader::Reading outcome = read(
                "listen: 127.0.0.1:8080\n"
                "publicUrl: https://pipekit.example.com\n"
                "database: sqlite://data/forgelink.db\n"
                "sync: {dailyAt: \"03:30\"}\n"
                "limits: {maxBodyBytes: 1048576, headerTimeoutSeconds: 5}\n"
                "providers:\n"
                "  github: {apiUrl: http://127.0.0.1:9999/api/v3/, appId: 123456, privateKey: file:gh.pem,\n"
                "           webhookSecret: env:FORGELINK_TEST_GH_SECRET}\n"
                "  gitlab: {url: https://gitlab.com, token: glpat-x, webhookSecret: [new-secret, old-secret]}\n"
                "  bitbucket: {url: https://bitbucket.example.com, token: bb, webhookSecret: s, enabled: false}\n"
                "  azureDevOps: {organizationUrl: https://dev.azure.com/acme, token: file:azdo,\n"
                "                webhookBasicAuthUser: pipekit, webhookBasicAuthPass: pw}\n");
        QVERIFY2(outcome.errors.isEmpty(), qPrintable(toStringList(outcome.errors).join(u'\n')));
        const AgentConfig &config = outcome.config;
        QCOMPARE(config.listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config.listenPort, 8080);
        QCOMPARE(config.database.driver, QStringLiteral("QSQLITE"));
        QCOMPARE(config.database.sqlitePath, m_dir.filePath(QStringLiteral("data/forgelink.db")));
        QCOMPARE(config.syncDailyAt, QTime(3, 30));
        QCOMPARE(config.limits.maxBodyBytes, 1048576);
        QCOMPARE(config.limits.headerTimeoutMs, 5000);
        QCOMPARE(config.limits.maxHeaderBytes, 64 * 1024); // default kept
        QCOMPARE(config.settingsOf<GitHubSettings>(Provider::GitHub)->apiUrl, QStringLiteral("http://127.0.0.1:9999/api/v3"));
        QCOMPARE(config.settingsOf<GitHubSettings>(Provider::GitHub)->privateKeyPem, TestKeys::rsaPrivateKeyPem());
        QCOMPARE(config.settingsOf<GitHubSettings>(Provider::GitHub)->webhookSecrets, QList<QByteArray>{ "github-secret-from-env" });
        QCOMPARE(config.settingsOf<GitLabSettings>(Provider::GitLab)->webhookSecrets, (QList<QByteArray>{ "new-secret", "old-secret" }));
        QVERIFY(!config.isEnabled(Provider::Bitbucket)); // enabled: false
        QCOMPARE(config.settingsOf<AzureDevOpsSettings>(Provider::AzureDevOps)->token, QByteArray("azdo-token"));
        QCOMPARE(config.enabledProviders(), (QList<Provider>{ Provider::GitHub, Provider::GitLab, Provider::AzureDevOps }));
    }

    // Under systemd (StateDirectory=forgelink sets STATE_DIRECTORY) a relative SQLite path lives
    // in the state folder; an absolute one stays where it is.
    void relativeSqliteUnderSystemdLivesInTheStateDirectory()
    {
        qputenv("STATE_DIRECTORY", "/var/lib/forgelink:/var/lib/other");
        const AgentConfigReader::Reading relative = read("database: sqlite://forgelink.db\nproviders: {gitlab: {webhookSecret: s}}\n");
        const AgentConfigReader::Reading absolute = read("database: sqlite:///srv/f.db\nproviders: {gitlab: {webhookSecret: s}}\n");
        qunsetenv("STATE_DIRECTORY");
        QVERIFY2(relative.errors.isEmpty(), qPrintable(toStringList(relative.errors).join(u'\n')));
        QCOMPARE(relative.config.database.sqlitePath, QStringLiteral("/var/lib/forgelink/forgelink.db"));
        QCOMPARE(absolute.config.database.sqlitePath, QStringLiteral("/srv/f.db"));
    }

    void postgresql()
    {
        qputenv("FORGELINK_TEST_PGPASS", "pg-password");
        const AgentConfigReader::Reading outcome = read(
                "database: postgresql://forgelink@db.internal:5433/forgelink?sslmode=require\n"
                "databasePassword: env:FORGELINK_TEST_PGPASS\n"
                "providers: {gitlab: {webhookSecret: s}}\n");
        QVERIFY2(outcome.errors.isEmpty(), qPrintable(toStringList(outcome.errors).join(u'\n')));
        QCOMPARE(outcome.config.database.driver, QStringLiteral("QPSQL"));
        QCOMPARE(outcome.config.database.host, QStringLiteral("db.internal"));
        QCOMPARE(outcome.config.database.port, 5433);
        QCOMPARE(outcome.config.database.name, QStringLiteral("forgelink"));
        QCOMPARE(outcome.config.database.password, QByteArray("pg-password"));
        QCOMPARE(outcome.config.database.options, QStringLiteral("sslmode=require"));
        QVERIFY(!outcome.config.database.displayName().contains(QStringLiteral("pg-password")));
    }

    void errorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing env") << QByteArray("providers: {gitlab: {token: env:FORGELINK_TEST_NOPE, webhookSecret: s}}")
                                     << "providers.gitlab.token: environment variable FORGELINK_TEST_NOPE is not set";
        QTest::newRow("missing file") << QByteArray("providers: {gitlab: {webhookSecret: file:nope}}")
                                      << "providers.gitlab.webhookSecret: cannot read file %1/nope: No such file or directory";
        QTest::newRow("secret in list") << QByteArray("providers: {gitlab: {webhookSecret: [a, env:FORGELINK_TEST_NOPE]}}")
                                        << "providers.gitlab.webhookSecret[1]: environment variable FORGELINK_TEST_NOPE is not set";
        QTest::newRow("no webhook secret") << QByteArray("providers: {gitlab: {url: https://gitlab.com}}")
                                           << "providers.gitlab.webhookSecret: is required";
        QTest::newRow("bad listen") << QByteArray("listen: nowhere\nproviders: {gitlab: {webhookSecret: s}}")
                                    << "listen: must be ADDRESS:PORT such as 127.0.0.1:8080 or [::]:8080, got \"nowhere\"";
        QTest::newRow("bad database") << QByteArray("database: mysql://x/y\nproviders: {gitlab: {webhookSecret: s}}")
                                      << "database: must be sqlite://PATH or postgresql://USER@HOST:PORT/DATABASE, got \"mysql://x/y\"";
        QTest::newRow("password in url") << QByteArray("database: postgresql://u:pw@h/db\nproviders: {gitlab: {webhookSecret: s}}")
                                         << "database: must not hold the password; give it in databasePassword (env:, file:, keychain:)";
        QTest::newRow("bad time") << QByteArray("sync: {dailyAt: \"25:00\"}\nproviders: {gitlab: {webhookSecret: s}}")
                                  << "sync.dailyAt: must be a time HH:MM such as \"02:00\", got \"25:00\"";
        QTest::newRow("unknown key") << QByteArray("providers: {gitlab: {webhookSecret: s, tokn: x}}")
                                     << "providers.gitlab.tokn: unknown setting; known: url, token, webhookSecret, enabled";
        QTest::newRow("no providers") << QByteArray("listen: 127.0.0.1:1")
                                      << "providers: is required: a section per provider (github, gitlab, bitbucket, azureDevOps)";
        QTest::newRow("http to a remote host") << QByteArray("providers: {gitlab: {url: http://gitlab.example.com, webhookSecret: s}}")
                                               << "providers.gitlab.url: must use https (http is allowed only for loopback addresses), got \"http://gitlab.example.com\"";
        QTest::newRow("limit out of range") << QByteArray("limits: {maxConnections: 0}\nproviders: {gitlab: {webhookSecret: s}}")
                                            << "limits.maxConnections: must be a whole number from 1 to 100000, got \"0\"";
        QTest::newRow("not a key") << QByteArray("providers: {github: {appId: 1, privateKey: not-a-key, webhookSecret: s}}")
                                   << "providers.github.privateKey: the key is not a PEM private key";
        QTest::newRow("recovery switch") << QByteArray("providers: {github: {appId: 1, webhookSecret: s, recoverFailedDeliveries: yes}}")
                                         << "providers.github.recoverFailedDeliveries: must be true or false, got \"yes\"";
        QTest::newRow("signing secret not whsec") << QByteArray("forward: [{name: bot, url: http://127.0.0.1:9, format: event, signingSecret: a-long-plain-text-secret}]\n"
                                                               "providers: {gitlab: {webhookSecret: s}}")
                                                   << "forward[0].signingSecret: must be whsec_ followed by the base64 of 24 to 64 random bytes "
                                                      "(Standard Webhooks' format, which consumers' libraries expect); make one with: echo \"whsec_$(openssl rand -base64 32)\"";
        QTest::newRow("signing secret too short") << QByteArray("forward: [{name: bot, url: http://127.0.0.1:9, format: event, signingSecret: whsec_c2hvcnQ=}]\n"
                                                                "providers: {gitlab: {webhookSecret: s}}")
                                                    << "forward[0].signingSecret: decodes to 5 bytes; Standard Webhooks keys are 24 to 64; make one with: "
                                                       "echo \"whsec_$(openssl rand -base64 32)\"";
        QTest::newRow("signing secret not base64") << QByteArray("forward: [{name: bot, url: http://127.0.0.1:9, format: event, signingSecret: \"whsec_not base64!\"}]\n"
                                                                 "providers: {gitlab: {webhookSecret: s}}")
                                                     << "forward[0].signingSecret: is not valid base64 after whsec_; make one with: echo \"whsec_$(openssl rand -base64 32)\"";
        QTest::newRow("target replaces a credential") << QByteArray("forward: [{name: pipekit, url: http://127.0.0.1:9, headers: {authorization: \"Bearer x\"}}]\n"
                                                                    "providers: {gitlab: {webhookSecret: s}}")
                                                        << "forward[0].headers.authorization: is sent as the provider sent it in format original; "
                                                           "a target header must not replace it";
        QTest::newRow("target replaces a signature") << QByteArray("forward: [{name: pipekit, url: http://127.0.0.1:9, headers: {X-Hub-Signature-256: x}}]\n"
                                                                   "providers: {gitlab: {webhookSecret: s}}")
                                                       << "forward[0].headers.X-Hub-Signature-256: is sent as the provider sent it in format original; "
                                                          "a target header must not replace it";
        QTest::newRow("duplicated key") << QByteArray("providers:\n  gitlab: {webhookSecret: s}\n  gitlab: {webhookSecret: t}\n")
                                        << "config: agent config: key \"gitlab\" appears twice in one mapping (lines 2 and 3)";
        QTest::newRow("duplicated nested key") << QByteArray("forward:\n  - {name: a, url: http://127.0.0.1:9, name: b}\nproviders: {gitlab: {webhookSecret: s}}")
                                               << "config: agent config: key \"name\" appears twice in one mapping (lines 2 and 2)";
        QTest::newRow("recovery interval") << QByteArray("providers: {github: {appId: 1, webhookSecret: s, recoverEveryMinutes: 0}}")
                                           << "providers.github.recoverEveryMinutes: must be a number from 0.05 to 1440, got \"0\"";
    }
    void errorsNameTheField()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const AgentConfigReader::Reading outcome = read(text);
        QCOMPARE(toStringList(outcome.errors),
                 QStringList{ expected.contains(u"%1") ? expected.arg(m_dir.path()) : expected });
    }

    // /dev/zero, or a log file given by mistake: refused before it is read whole.
    void oversizedFileIsRefused()
    {
        const AgentConfigReader::Reading outcome = AgentConfigReader::readFile(QStringLiteral("/dev/zero"));
        QCOMPARE(toStringList(outcome.errors), QStringList{ QStringLiteral("/dev/zero: is larger than 4 MiB: not a config file") });
    }

    void exampleConfigIsValid()
    {
        for (const char *name : { "GITHUB_WEBHOOK_SECRET", "GITLAB_TOKEN", "GITLAB_WEBHOOK_SECRET", "BITBUCKET_TOKEN",
                                  "BITBUCKET_WEBHOOK_SECRET", "AZURE_DEVOPS_TOKEN", "AZURE_DEVOPS_WEBHOOK_PASSWORD" })
            qputenv(name, QByteArray("example-value-of-") + name);
        qputenv("GITHUB_APP_PRIVATE_KEY", TestKeys::rsaPrivateKeyPem());
        const AgentConfigReader::Reading outcome =
                AgentConfigReader::readFile(TestPaths::sourceDir() + QStringLiteral("/resources/examples/agent.yaml"));
        QVERIFY2(outcome.errors.isEmpty(), qPrintable(toStringList(outcome.errors).join(u'\n')));
        QCOMPARE(outcome.config.enabledProviders().size(), 4);
        QCOMPARE(outcome.config.limits.maxBodyBytes, 25 * 1024 * 1024);
        QCOMPARE(outcome.config.network.retryBaseMs, 500);
        QCOMPARE(outcome.config.forward.size(), 1);
        QCOMPARE(outcome.config.forward.first().parallel, 8);
        QCOMPARE(outcome.config.forward.first().maxAgeMs, qint64(72) * 3600 * 1000);
        QCOMPARE(outcome.config.retention.deliveriesMs, qint64(30) * 24 * 3600 * 1000);
    }

    void errorsNeverContainTheSecret()
    {
        const AgentConfigReader::Reading outcome = read(
                "providers: {github: {appId: 12a, privateKey: hunter2-secret-value, webhookSecret: hunter2-secret-value}}");
        QVERIFY(!outcome.errors.isEmpty());
        for (const QString &line : toStringList(outcome.errors))
            QVERIFY2(!line.contains(QStringLiteral("hunter2")), qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(tst_AgentConfigReader)
#include "tst_agentconfigreader.moc"
