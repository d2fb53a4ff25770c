#include "config/answersreader.h"
#include "config/answersvalidator.h"
#include "testkeys.h"
#include "testpaths.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace forgelink;
using namespace forgelink::test;

class tst_AnswersValidator : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QByteArray validAnswers() const
    {
        return "domain: pipekit.example.com\n"
               "github: {organization: acme, appName: Pipekit acme, appId: 123456, clientId: Iv23liAbc,\n"
               "         clientSecret: abcdef0123456789abcdef0123456789abcdef01, privateKeyFile: key.pem,\n"
               "         webhookSecret: \"\", apiUrl: https://api.github.com}\n"
               "gitlab: {url: https://gitlab.com, token: glpat-abcdefghijklmnop, webhookSecret: \"\"}\n"
               "bitbucket: {url: https://bitbucket.example.com, token: BBDC-abcdefghijkl, webhookSecret: \"\"}\n"
               "azureDevOps: {organizationUrl: https://dev.azure.com/acme, token: azdopat0123456789,\n"
               "              webhookBasicAuthUser: pipekit, webhookBasicAuthPass: \"\"}\n";
    }

    FieldErrors errorsFor(const QByteArray &text)
    {
        return AnswersValidator::validate(AnswersReader::readText(text, m_dir.path()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(TestPaths::writeFile(m_dir.filePath(QStringLiteral("key.pem")), TestKeys::rsaPrivateKeyPem()));
        QVERIFY(TestPaths::writeFile(m_dir.filePath(QStringLiteral("public.pem")), TestKeys::rsaPublicKeyPem()));
    }

    void validAnswersHaveNoErrors()
    {
        const FieldErrors errors = errorsFor(validAnswers());
        QVERIFY2(errors.isEmpty(), qPrintable(toStringList(errors).join(u'\n')));
        const AnswersReader::Reading outcome = AnswersReader::readText(validAnswers(), m_dir.path());
        QCOMPARE(outcome.answers.provider(Provider::GitHub)->value(QStringLiteral("privateKeyFile")), m_dir.filePath(QStringLiteral("key.pem")));
        QCOMPARE(outcome.answers.provider(Provider::GitHub)->value(QStringLiteral("appId")), QStringLiteral("123456"));
    }

    // Each row replaces one line of valid answers and expects exactly that field's error.
    void fieldErrors_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("expected");

        QTest::newRow("appId not a number") << QByteArray("appId: 123456") << QByteArray("appId: 12a")
                                            << "github.appId: must be a number, got \"12a\"";
        QTest::newRow("host with scheme") << QByteArray("domain: pipekit.example.com")
                                          << QByteArray("domain: https://pipekit.example.com")
                                          << "domain: must be a host name without a scheme, e.g. pipekit.example.com, got \"https://pipekit.example.com\"";
        QTest::newRow("host with path") << QByteArray("domain: pipekit.example.com")
                                        << QByteArray("domain: pipekit.example.com/x")
                                        << "domain: must be a host name without a path, got \"pipekit.example.com/x\"";
        QTest::newRow("host with space") << QByteArray("domain: pipekit.example.com")
                                         << QByteArray("domain: \"pipe kit.example.com\"")
                                         << "domain: must not contain spaces, got \"pipe kit.example.com\"";
        QTest::newRow("empty label") << QByteArray("domain: pipekit.example.com")
                                     << QByteArray("domain: pipekit..example.com")
                                     << "domain: has an empty label (two dots, or a dot at either end): \"pipekit..example.com\"";
        QTest::newRow("bad character") << QByteArray("domain: pipekit.example.com")
                                       << QByteArray("domain: pipe_kit.example.com")
                                       << "domain: label \"pipe_kit\" may hold only letters, digits and inner hyphens, up to 63 characters";
        QTest::newRow("missing host") << QByteArray("domain: pipekit.example.com") << QByteArray("domain: \"\"")
                                      << "domain: is required: the host name Pipekit is reached at, e.g. pipekit.example.com";
        QTest::newRow("client id") << QByteArray("clientId: Iv23liAbc") << QByteArray("clientId: 12345")
                                   << "github.clientId: does not look like a GitHub App client ID (they start with \"Iv\"), got \"12345\"";
        QTest::newRow("http url") << QByteArray("url: https://gitlab.com") << QByteArray("url: http://gitlab.com")
                                  << "gitlab.url: must use https (http is allowed only for loopback addresses), got \"http://gitlab.com\"";
        QTest::newRow("ftp url") << QByteArray("url: https://gitlab.com") << QByteArray("url: ftp://gitlab.com")
                                 << "gitlab.url: must be an https URL, got \"ftp://gitlab.com\"";
        QTest::newRow("azure two segments") << QByteArray("https://dev.azure.com/acme")
                                            << QByteArray("https://dev.azure.com/acme/project")
                                            << "azureDevOps.organizationUrl: must be https://dev.azure.com/ORGANIZATION (one organization), got \"https://dev.azure.com/acme/project\"";
        QTest::newRow("azure server without collection") << QByteArray("https://dev.azure.com/acme")
                                                         << QByteArray("https://tfs.example.com")
                                                         << "azureDevOps.organizationUrl: must name the organization or collection: https://dev.azure.com/ORGANIZATION or https://SERVER/COLLECTION, got \"https://tfs.example.com\"";
        QTest::newRow("basic auth user colon") << QByteArray("webhookBasicAuthUser: pipekit")
                                               << QByteArray("webhookBasicAuthUser: \"pipe:kit\"")
                                               << "azureDevOps.webhookBasicAuthUser: must not contain a colon (HTTP Basic auth separates user and password with one)";
        QTest::newRow("short webhook secret") << QByteArray("webhookSecret: \"\", apiUrl")
                                              << QByteArray("webhookSecret: short, apiUrl")
                                              << "github.webhookSecret: is shorter than 16 characters; leave it empty to generate a strong one";
        QTest::newRow("token with space") << QByteArray("token: glpat-abcdefghijklmnop")
                                          << QByteArray("token: \"glpat abcdefghijklmnop\"")
                                          << "gitlab.token: must not contain spaces or line breaks (was it pasted with extra text?)";
        QTest::newRow("missing key file") << QByteArray("privateKeyFile: key.pem") << QByteArray("privateKeyFile: nope.pem")
                                          << QStringLiteral("github.privateKeyFile: %1/nope.pem does not exist");
        QTest::newRow("public key") << QByteArray("privateKeyFile: key.pem") << QByteArray("privateKeyFile: public.pem")
                                    << QStringLiteral("github.privateKeyFile: %1/public.pem is a public key; the private key (.pem) generated in the GitHub App's settings is needed");
        QTest::newRow("unknown setting") << QByteArray("appId: 123456") << QByteArray("appId: 123456, appid: 123456")
                                         << "github.appid: unknown setting; known: organization, appName, appId, clientId, clientSecret, privateKeyFile, webhookSecret, apiUrl";
        QTest::newRow("unknown section") << QByteArray("gitlab: {") << QByteArray("gitlabb: {")
                                         << "gitlabb: unknown section; known: domain, eventsHandler, github, gitlab, bitbucket, azureDevOps, network, deploy";
        QTest::newRow("events handler with a path") << QByteArray("domain: pipekit.example.com")
                                                    << QByteArray("domain: pipekit.example.com\neventsHandler: http://pipekit:8080/api")
                                                    << "eventsHandler: must not have a path: the agent adds /api/events-handler/v1/events/<provider>, got \"http://pipekit:8080/api\"";
        QTest::newRow("events handler scheme") << QByteArray("domain: pipekit.example.com")
                                               << QByteArray("domain: pipekit.example.com\neventsHandler: ftp://pipekit")
                                               << "eventsHandler: must be http(s)://HOST[:PORT], e.g. http://pipekit-events-handler.pipekit.svc.cluster.local:8080, got \"ftp://pipekit\"";
        QTest::newRow("events handler with a user") << QByteArray("domain: pipekit.example.com")
                                                    << QByteArray("domain: pipekit.example.com\neventsHandler: \"http://me:pw@pipekit:8080\"")
                                                    << "eventsHandler: must not carry a user, query or fragment, got \"http://me:pw@pipekit:8080\"";
        QTest::newRow("list instead of value") << QByteArray("appName: Pipekit acme") << QByteArray("appName: [a, b]")
                                               << "github.appName: must be a single value, got a list";
    }
    void fieldErrors()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, expected);
        QByteArray text = validAnswers();
        QVERIFY2(text.contains(from), from.constData());
        text.replace(from, to);
        const QStringList errors = toStringList(errorsFor(text));
        QCOMPARE(errors, QStringList{ expected.contains(u"%1") ? expected.arg(m_dir.path()) : expected });
    }

    void everyErrorIsReportedAtOnce()
    {
        QByteArray text = validAnswers();
        text.replace("appId: 123456", "appId: 12a").replace("domain: pipekit.example.com", "domain: a..b");
        text.replace("url: https://gitlab.com", "url: http://gitlab.com");
        QCOMPARE(errorsFor(text).size(), 3);
    }

    void noProviderIsAnError()
    {
        const QStringList errors = toStringList(errorsFor("domain: pipekit.example.com\n"));
        QCOMPARE(errors, QStringList{ "providers: enable at least one of github, gitlab, bitbucket, azureDevOps" });
    }

    void loopbackHttpIsAllowed_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("127.0.0.1") << "http://127.0.0.1:8080" << true;
        QTest::newRow("localhost") << "http://localhost:1234/api" << true;
        QTest::newRow("::1") << "http://[::1]:99" << true;
        QTest::newRow("private range") << "http://10.0.0.5" << false;
        QTest::newRow("https") << "https://git.example.com/gitlab" << true;
        QTest::newRow("query") << "https://git.example.com/?a=b" << false;
        QTest::newRow("user info") << "https://user:pw@git.example.com" << false;
        QTest::newRow("no host") << "https://" << false;
    }
    void loopbackHttpIsAllowed()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(!AnswersValidator::checkServiceUrl(url).has_value(), allowed);
    }

    void malformedYamlNamesTheLine()
    {
        const FieldErrors errors = errorsFor("domain: pipekit.example.com\ngithub: {appId: [\n");
        QCOMPARE(errors.size(), 1); // once, and nothing judged of answers that were not read
        QCOMPARE(errors.first().field, QStringLiteral("answers"));
        QVERIFY2(errors.first().message.startsWith(QStringLiteral("not valid YAML at line 3")), qPrintable(errors.first().message));
    }

    // Unknown keys and bad values are reported in one pass; a section the reader refused is not
    // judged again field by field.
    void everyProblemAtOnce()
    {
        const FieldErrors errors = errorsFor("host: pipekit.example.com\n"
                                             "gitlab: {url: notaurl, frob: 2}\n"
                                             "bitbucket: [a, b]\n");
        const QStringList lines = toStringList(errors);
        QVERIFY2(lines.contains(QStringLiteral("host: unknown section; known: domain, eventsHandler, github, gitlab, bitbucket, "
                                               "azureDevOps, network, deploy")), qPrintable(lines.join(u'\n')));
        QVERIFY2(lines.contains(QStringLiteral("gitlab.frob: unknown setting; known: url, token, webhookSecret")), qPrintable(lines.join(u'\n')));
        QVERIFY2(lines.contains(QStringLiteral("gitlab.token: is required")), qPrintable(lines.join(u'\n')));
        QVERIFY(std::any_of(lines.begin(), lines.end(), [](const QString &line) { return line.startsWith(QStringLiteral("gitlab.url: ")); }));
        QVERIFY(std::any_of(lines.begin(), lines.end(), [](const QString &line) { return line.startsWith(QStringLiteral("domain: is required")); }));
        QVERIFY(lines.contains(QStringLiteral("bitbucket: must be a mapping of settings, got a sequence")) || lines.join(u'\n').contains(QStringLiteral("bitbucket: must be a mapping")));
        QVERIFY2(!lines.join(u'\n').contains(QStringLiteral("bitbucket.url")), qPrintable(lines.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(tst_AnswersValidator)
#include "tst_answersvalidator.moc"
