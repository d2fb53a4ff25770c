#include "fakeproviderapi.h"
#include "manifestbrowser.h"
#include "servedprocess.h"
#include "testkeys.h"
#include "testpaths.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QEventLoop>
#include <QTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <sys/stat.h>

using namespace forgelink::test;

// Runs the real forgelink-wizard binary in batch mode, as an automation script would.
class tst_BatchRun : public QObject {
    Q_OBJECT

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run m_lastRun; // what the last run of a lambda-driven test printed
    // In English unless `locale` says otherwise, whatever the machine's locale.
    Run wizard(const QStringList &arguments, const QString &locale = QStringLiteral("C.UTF-8"))
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LC_ALL"), locale);
        environment.insert(QStringLiteral("LANG"), locale);
        environment.remove(QStringLiteral("LANGUAGE"));
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM")); // batch mode must not need one
        process.setProcessEnvironment(environment);
        process.start(TestPaths::wizardBinary(), arguments);
        if (!process.waitForFinished(30'000))
            return {};
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                 QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
    }

    QByteArray answers() const
    {
        return "domain: pipekit.example.com\n"
               "github: {organization: acme, appName: Pipekit acme, appId: 123456, clientId: Iv23liAbc,\n"
               "         clientSecret: gh-client-secret-0123456789, privateKeyFile: acme.pem, webhookSecret: \"\"}\n"
               "gitlab: {url: https://gitlab.com, token: glpat-token-0123456789, webhookSecret: \"\"}\n";
    }

private Q_SLOTS:
    void writesBothFilesPrivately()
    {
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("acme.pem")), TestKeys::rsaPrivateKeyPem()));
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")), answers()));
        const QString out = dir.filePath(QStringLiteral("out"));

        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")),
                                 QStringLiteral("--out"), out });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const QString &name : { QStringLiteral("values.yaml"), QStringLiteral("agent.yaml"), QStringLiteral("kubernetes/forgelink-secrets.yaml"),
                                     QStringLiteral("kubernetes/agent.yaml") }) {
            const QFileInfo file(QDir(out).filePath(name));
            QVERIFY2(file.exists(), qPrintable(name));
            struct stat status {};
            QCOMPARE(::stat(QFile::encodeName(file.filePath()).constData(), &status), 0);
            QCOMPARE(status.st_mode & 07777, mode_t(0600));
        }
        QVERIFY(run.out.contains(QStringLiteral("helm upgrade --install pipekit")));
        QVERIFY(run.out.contains(QDir(out).filePath(QStringLiteral("values.yaml"))));

        const YAML::Node values = YAML::LoadFile(QDir(out).filePath(QStringLiteral("values.yaml")).toStdString());
        QCOMPARE(values["gitProviders"]["github"]["appId"].as<int>(), 123456);
        QCOMPARE(values["gitProviders"]["bitbucket"]["enabled"].as<bool>(), false);
        const std::string secret = values["gitProviders"]["gitlab"]["webhookSecret"].Scalar();
        QCOMPARE(secret.size(), size_t(48));
        // Secrets are written to the files, never printed.
        QVERIFY(!run.out.contains(QString::fromStdString(secret)));
        QVERIFY(!run.out.contains(QStringLiteral("gh-client-secret")));
        QVERIFY(!run.out.contains(QStringLiteral("BEGIN PRIVATE KEY")));
    }

    // The Kubernetes files: a Secret with one key per secret, and an agent.yaml that holds none and
    // reads each from the Secret's mount; the agent accepts it with the Secret's files there.
    void kubernetesFilesReadTheSecret()
    {
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("acme.pem")), TestKeys::rsaPrivateKeyPem()));
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")),
                                     answers() + "eventsHandler: http://pipekit-events-handler.pipekit.svc.cluster.local:8080\n"));
        const QString out = dir.filePath(QStringLiteral("out"));
        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"), out });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("kubectl apply -n pipekit -f")));

        const YAML::Node secret = YAML::LoadFile(QDir(out).filePath(QStringLiteral("kubernetes/forgelink-secrets.yaml")).toStdString());
        QCOMPARE(secret["kind"].as<std::string>(), std::string("Secret"));
        QCOMPARE(secret["metadata"]["name"].as<std::string>(), std::string("forgelink-secrets"));
        const YAML::Node data = secret["stringData"];
        QCOMPARE(QByteArray::fromStdString(data["github-app.pem"].as<std::string>()), TestKeys::rsaPrivateKeyPem());
        QCOMPARE(QString::fromStdString(data["gitlab-token"].as<std::string>()), QStringLiteral("glpat-token-0123456789"));
        // The same generated webhook secret as in values.yaml: Pipekit and the agent agree.
        const YAML::Node values = YAML::LoadFile(QDir(out).filePath(QStringLiteral("values.yaml")).toStdString());
        QCOMPARE(data["gitlab-webhook-secret"].as<std::string>(), values["gitProviders"]["gitlab"]["webhookSecret"].as<std::string>());

        QByteArray config = TestPaths::readFile(QDir(out).filePath(QStringLiteral("kubernetes/agent.yaml")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("mount")));
        for (const auto &entry : data) {
            const std::string value = entry.second.as<std::string>();
            QVERIFY2(!config.contains(QByteArray::fromStdString(value)), entry.first.as<std::string>().c_str());
            QVERIFY(config.contains("file:/var/run/secrets/forgelink/" + QByteArray::fromStdString(entry.first.as<std::string>())));
            QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("mount/") + QString::fromStdString(entry.first.as<std::string>())),
                                         QByteArray::fromStdString(value)));
        }
        config.replace("/var/run/secrets/forgelink", dir.filePath(QStringLiteral("mount")).toUtf8());
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("k8s-agent.yaml")), config));
        // The agent reads it and every secret it names (`check` needs no database).
        QProcess agent;
        agent.start(TestPaths::agentBinary(), { QStringLiteral("check"), QStringLiteral("--config"), dir.filePath(QStringLiteral("k8s-agent.yaml")) });
        QVERIFY(agent.waitForFinished(30'000));
        QVERIFY2(agent.exitCode() == 0, agent.readAllStandardError().constData());
        const QByteArray summary = agent.readAllStandardOutput();
        QVERIFY2(summary.contains("github") && summary.contains("gitlab"), summary.constData());
    }

    // --out does not replace what is there, unless --force says so.
    void existingFilesNeedForce()
    {
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("acme.pem")), TestKeys::rsaPrivateKeyPem()));
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")), answers()));
        const QString out = dir.filePath(QStringLiteral("out"));
        const QStringList arguments{ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"), out };
        QCOMPARE(wizard(arguments).exitCode, 0);
        const QByteArray first = TestPaths::readFile(QDir(out).filePath(QStringLiteral("values.yaml")));
        const Run again = wizard(arguments);
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(QStringLiteral("already exist")) && again.err.contains(QStringLiteral("--force")), qPrintable(again.err));
        QCOMPARE(TestPaths::readFile(QDir(out).filePath(QStringLiteral("values.yaml"))), first);
        const Run forced = wizard(arguments + QStringList{ QStringLiteral("--force") });
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        QVERIFY(TestPaths::readFile(QDir(out).filePath(QStringLiteral("values.yaml"))) != first); // new secrets
    }

    void invalidAnswersListEveryFieldAndWriteNothing()
    {
        QTemporaryDir dir;
        QByteArray text = answers();
        text.replace("appId: 123456", "appId: 12a").replace("privateKeyFile: acme.pem", "privateKeyFile: missing.pem");
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")), text));
        const QString out = dir.filePath(QStringLiteral("out"));

        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")),
                                 QStringLiteral("--out"), out });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("github.appId: must be a number, got \"12a\"")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("github.privateKeyFile: ")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("nothing was written")));
        QVERIFY(!QFileInfo::exists(out));
        QVERIFY(!run.err.contains(QStringLiteral("gh-client-secret")));
    }

    // A German admin reads the problems in German: the batch framing and common's messages.
    void problemsInGerman()
    {
        QTemporaryDir dir;
        QByteArray text = answers();
        text.replace("appId: 123456", "appId: 12a");
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")), text));
        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"),
                                 dir.filePath(QStringLiteral("out")) },
                               QStringLiteral("de_DE.UTF-8"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("hat 2 Probleme; es wurde nichts geschrieben:")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("github.appId: muss eine Zahl sein, erhalten: \"12a\"")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("acme.pem existiert nicht")), qPrintable(run.err)); // no key file in this folder
    }

    void existingFilesSurviveInvalidAnswers()
    {
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("values.yaml")), "previous: true\n"));
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")), "domain: a..b\ngitlab: {token: t}\n"));
        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")),
                                 QStringLiteral("--out"), dir.path() });
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(TestPaths::readFile(dir.filePath(QStringLiteral("values.yaml"))), QByteArray("previous: true\n"));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("agent.yaml"))));
    }

    void usageErrors()
    {
        QCOMPARE(wizard({ QStringLiteral("--batch"), QStringLiteral("a.yaml") }).exitCode, 2);
        const Run missing = wizard({ QStringLiteral("--batch"), QStringLiteral("/nonexistent/a.yaml"),
                                     QStringLiteral("--out"), QStringLiteral("/tmp/x") });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("/nonexistent/a.yaml: cannot read")), qPrintable(missing.err));
    }

    void helpAndVersionNeedNoDisplay()
    {
        // A mistake on the command line, or no display for the window: a message, exit 2, no abort.
        const Run unknown = wizard({ QStringLiteral("--bogus") });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("Unknown option 'bogus'")), qPrintable(unknown.err));
        const Run window = wizard({});
        QCOMPARE(window.exitCode, 2);
        QVERIFY2(window.err.contains(QStringLiteral("no display")) && window.err.contains(QStringLiteral("--batch")), qPrintable(window.err));
        const Run stray = wizard({ QStringLiteral("--domain"), QStringLiteral("x.example.com") });
        QCOMPARE(stray.exitCode, 2);
        const Run help = wizard({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("--batch")));
        const Run version = wizard({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("forgelink-wizard ")));
    }

    void checkVerifiesAgainstTheProviders()
    {
        FakeProviderApi gitlab(forgelink::Provider::GitLab);
        QVERIFY(gitlab.start());
        QTemporaryDir dir;
        const QByteArray good = "domain: pipekit.example.com\ngitlab: {url: " + gitlab.baseUrl().toUtf8() + ", token: " + gitlab.token + "}\n";
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("good.yaml")), good));
        QByteArray bad = good;
        bad.replace(gitlab.token, "glpat-rejected-token");
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("bad.yaml")), bad));

        // The fake answers from this process, so wait without blocking its event loop.
        auto run = [](const QStringList &arguments) { return ServedProcess::run(TestPaths::wizardBinary(), arguments); };
        const ServedProcess::Run passed = run({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("good.yaml")), QStringLiteral("--check"),
                                 QStringLiteral("--out"), dir.filePath(QStringLiteral("good")) });
        QVERIFY2(passed.exitCode == 0, qPrintable(passed.err + passed.out));
        QVERIFY(passed.out.contains(QStringLiteral("GitLab: verified")));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("good/values.yaml"))));

        const ServedProcess::Run failed = run({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("bad.yaml")), QStringLiteral("--check"),
                                 QStringLiteral("--out"), dir.filePath(QStringLiteral("bad")) });
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.out.contains(QStringLiteral("GitLab rejected the token (401)")), qPrintable(failed.out));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("bad"))));
        QVERIFY(!failed.out.contains(QStringLiteral("glpat-rejected-token")));
    }

    void createGitHubAppByPasting()
    {
        FakeProviderApi github(forgelink::Provider::GitHub);
        github.manifestPem = TestKeys::rsaPrivateKeyPem();
        QVERIFY(github.start());
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")),
                                     "domain: pipekit.example.com\ngithub: {organization: acme, apiUrl: " + github.baseUrl().toUtf8()
                                             + ", webhookSecret: answers-webhook-secret-0123456789}\n"));
        const QString out = dir.filePath(QStringLiteral("out"));
        auto run = [&](bool forge) {
            QProcess process;
            process.start(TestPaths::wizardBinary(), { QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")),
                                                       QStringLiteral("--out"), out, QStringLiteral("--create-github-app") });
            const QString page = QDir(out).filePath(QStringLiteral("create-github-app.html"));
            QFile::remove(page);
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(page) && process.readAllStandardOutput().size() >= 0, 10'000);
            // The admin opens the page elsewhere; GitHub sends that browser to Pipekit's address.
            QString location = ManifestBrowser::submit(TestPaths::readFile(page), false);
            QVERIFY(location.startsWith(QStringLiteral("https://pipekit.example.com/?code=")));
            if (forge)
                location.replace(QRegularExpression(QStringLiteral("state=.*$")), QStringLiteral("state=forged"));
            process.write(location.toUtf8() + '\n');
            process.closeWriteChannel();
            QEventLoop loop;
            connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
            if (process.state() != QProcess::NotRunning)
                loop.exec();
            m_lastRun = Run{ process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                             QString::fromUtf8(process.readAllStandardError()) };
        };
        run(true);
        QCOMPARE(m_lastRun.exitCode, 1);
        QVERIFY2(m_lastRun.err.contains(QStringLiteral("does not match the flow forgelink started")), qPrintable(m_lastRun.err));

        run(false);
        QVERIFY2(m_lastRun.exitCode == 0, qPrintable(m_lastRun.err + m_lastRun.out));
        QVERIFY(m_lastRun.out.contains(QStringLiteral("/apps/pipekit-acme/installations/new")));
        const YAML::Node values = YAML::LoadFile(QDir(out).filePath(QStringLiteral("values.yaml")).toStdString());
        QCOMPARE(values["gitProviders"]["github"]["appId"].as<int>(), 424242);
        QCOMPARE(QString::fromStdString(values["gitProviders"]["github"]["clientId"].Scalar()), QStringLiteral("Iv23liFromManifest"));
        QCOMPARE(QByteArray::fromStdString(values["gitProviders"]["github"]["privateKey"].Scalar()), TestKeys::rsaPrivateKeyPem());
        // GitHub signs with the secret it generated: both files carry that one, and stdout says so.
        QCOMPARE(QString::fromStdString(values["gitProviders"]["github"]["webhookSecret"].Scalar()),
                 QStringLiteral("manifest-webhook-secret-0123456789"));
        const YAML::Node agent = YAML::LoadFile(QDir(out).filePath(QStringLiteral("agent.yaml")).toStdString());
        QCOMPARE(QString::fromStdString(agent["providers"]["github"]["webhookSecret"].Scalar()),
                 QStringLiteral("manifest-webhook-secret-0123456789"));
        QVERIFY2(m_lastRun.out.contains(QStringLiteral("instead of github.webhookSecret from the answers file")), qPrintable(m_lastRun.out));
        struct stat status {};
        QCOMPARE(::stat(QFile::encodeName(QDir(out).filePath(QStringLiteral("github-app.pem"))).constData(), &status), 0);
        QCOMPARE(status.st_mode & 07777, mode_t(0600));
        QVERIFY(!m_lastRun.out.contains(QStringLiteral("manifest-client-secret")));
    }

    // env: and file: in an answers file are read: values.yaml needs the secret, not the reference.
    void secretReferencesInAnswersAreResolved()
    {
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("token.txt")), "glpat-from-a-file-0123456789\n"));
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")),
                                     "domain: pipekit.example.com\n"
                                     "gitlab: {url: https://gitlab.com, token: file:token.txt, webhookSecret: env:FORGELINK_TEST_GITLAB_SECRET}\n"));
        qputenv("FORGELINK_TEST_GITLAB_SECRET", "gitlab-secret-from-the-environment");
        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"),
                                 dir.filePath(QStringLiteral("out")) });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const YAML::Node values = YAML::LoadFile(dir.filePath(QStringLiteral("out/values.yaml")).toStdString());
        QCOMPARE(QString::fromStdString(values["gitProviders"]["gitlab"]["webhookSecret"].Scalar()),
                 QStringLiteral("gitlab-secret-from-the-environment"));
        const YAML::Node agent = YAML::LoadFile(dir.filePath(QStringLiteral("out/agent.yaml")).toStdString());
        QCOMPARE(QString::fromStdString(agent["providers"]["gitlab"]["webhookSecret"].Scalar()),
                 QStringLiteral("gitlab-secret-from-the-environment"));
        QCOMPARE(QString::fromStdString(agent["providers"]["gitlab"]["token"].Scalar()), QStringLiteral("glpat-from-a-file-0123456789"));
        QVERIFY(!run.out.contains(QStringLiteral("from-the-environment")));

        qunsetenv("FORGELINK_TEST_GITLAB_SECRET");
        const Run missing = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"),
                                     dir.filePath(QStringLiteral("out2")) });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("gitlab.webhookSecret: environment variable FORGELINK_TEST_GITLAB_SECRET is not set")),
                 qPrintable(missing.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out2/values.yaml"))));
    }

    // With Pipekit's events handler given, agent.yaml forwards every delivery there, and the agent
    // reads that config as it is written.
    void eventsHandlerBecomesAForwardTarget()
    {
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")),
                                     "domain: pipekit.example.com\n"
                                     "eventsHandler: http://pipekit-events-handler.pipekit.svc.cluster.local:8080/\n"
                                     "gitlab: {url: https://gitlab.com, token: glpat-token-0123456789, webhookSecret: \"\"}\n"));
        const QString out = dir.filePath(QStringLiteral("out"));
        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"), out });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const YAML::Node agent = YAML::LoadFile(QDir(out).filePath(QStringLiteral("agent.yaml")).toStdString());
        QVERIFY(agent["forward"].IsSequence());
        QCOMPARE(agent["forward"].size(), size_t(1));
        QCOMPARE(QString::fromStdString(agent["forward"][0]["name"].Scalar()), QStringLiteral("pipekit"));
        QCOMPARE(QString::fromStdString(agent["forward"][0]["url"].Scalar()),
                 QStringLiteral("http://pipekit-events-handler.pipekit.svc.cluster.local:8080"));
        QCOMPARE(QString::fromStdString(agent["forward"][0]["format"].Scalar()), QStringLiteral("original"));

        // The agent takes the generated file as it is: `outbox` reads the config and the target.
        QProcess outbox;
        outbox.setWorkingDirectory(out);
        outbox.start(TestPaths::agentBinary(), { QStringLiteral("outbox"), QStringLiteral("--target"), QStringLiteral("pipekit"),
                                                 QStringLiteral("--config"), QDir(out).filePath(QStringLiteral("agent.yaml")) });
        QVERIFY(outbox.waitForFinished(30'000));
        QVERIFY2(outbox.exitCode() == 0, outbox.readAllStandardError().constData());

        // A path, or another scheme, is refused by name.
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("bad.yaml")),
                                     "domain: pipekit.example.com\n"
                                     "eventsHandler: http://pipekit-events-handler:8080/api/events-handler\n"
                                     "gitlab: {url: https://gitlab.com, token: glpat-token-0123456789}\n"));
        const Run bad = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("bad.yaml")), QStringLiteral("--out"),
                                 dir.filePath(QStringLiteral("bad")) });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("eventsHandler: must not have a path")), qPrintable(bad.err));
    }

    void printsTheManifest()
    {
        const Run run = wizard({ QStringLiteral("--print-github-manifest"), QStringLiteral("--domain"), QStringLiteral("pipekit.example.com"),
                                 QStringLiteral("--organization"), QStringLiteral("acme") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject manifest = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(manifest.value(QStringLiteral("name")).toString(), QStringLiteral("Pipekit acme"));
        QCOMPARE(manifest.value(QStringLiteral("hook_attributes")).toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("https://pipekit.example.com/api/events-handler/v1/events/github"));
        QCOMPARE(wizard({ QStringLiteral("--print-github-manifest"), QStringLiteral("--domain"), QStringLiteral("a..b") }).exitCode, 2);
    }

    void exampleAnswersAreValid()
    {
        QTemporaryDir dir;
        QByteArray example = TestPaths::readFile(TestPaths::sourceDir() + QStringLiteral("/resources/examples/answers.yaml"));
        QVERIFY(!example.isEmpty());
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")), example));
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("acme.pem")), TestKeys::rsaPrivateKeyPem()));
        // As the README runs it: the credentials come from the environment.
        for (const char *name : { "GITHUB_CLIENT_SECRET", "GITLAB_TOKEN", "BITBUCKET_TOKEN", "AZURE_DEVOPS_TOKEN" })
            qputenv(name, QByteArray("example-value-of-") + name);
        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")),
                                 QStringLiteral("--out"), dir.filePath(QStringLiteral("out")) });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(TestPaths::readFile(dir.filePath(QStringLiteral("out/agent.yaml"))).contains("example-value-of-GITLAB_TOKEN"));
        for (const char *name : { "GITHUB_CLIENT_SECRET", "GITLAB_TOKEN", "BITBUCKET_TOKEN", "AZURE_DEVOPS_TOKEN" })
            qunsetenv(name);
    }

    // A placeholder the admin was to replace never goes out.
    void placeholdersAreRefused()
    {
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")),
                                     "domain: pipekit.example.com\n"
                                     "gitlab: {url: https://gitlab.com, token: replace-with-a-personal-access-token, webhookSecret: \"\"}\n"));
        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")),
                                 QStringLiteral("--out"), dir.filePath(QStringLiteral("out")) });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("gitlab.token: is still the example's placeholder")), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out/values.yaml"))));
    }
};

QTEST_GUILESS_MAIN(tst_BatchRun)
#include "tst_batchrun.moc"
