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

    // Runs --batch with `deploy` and renders DIR/kubernetes with `kubectl kustomize`.
    struct Rendered {
        QList<YAML::Node> objects;
        QByteArray text;
    };
    Rendered deployKubernetes(const QByteArray &deploy, QString *error)
    {
        QTemporaryDir dir;
        dir.setAutoRemove(false);
        TestPaths::writeFile(dir.filePath(QStringLiteral("acme.pem")), TestKeys::rsaPrivateKeyPem());
        TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")),
                             "domain: pipekit.acme.test\n"
                             "eventsHandler: http://events-handler.pipekit-prod.svc.cluster.local:9000\n"
                             "gitlab: {url: https://gitlab.acme.test, token: glpat-token-0123456789, webhookSecret: \"\"}\n"
                             + deploy);
        const QString out = dir.filePath(QStringLiteral("out"));
        m_lastRun = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"), out });
        if (m_lastRun.exitCode != 0) {
            *error = m_lastRun.err;
            return {};
        }
        QProcess kubectl;
        kubectl.start(QStringLiteral("kubectl"), { QStringLiteral("kustomize"), out + QStringLiteral("/kubernetes") });
        if (!kubectl.waitForStarted() || !kubectl.waitForFinished(60'000) || kubectl.exitCode() != 0) {
            *error = QStringLiteral("kubectl kustomize failed: ") + QString::fromUtf8(kubectl.readAllStandardError());
            return {};
        }
        const QByteArray warnings = kubectl.readAllStandardError();
        if (!warnings.trimmed().isEmpty()) {
            *error = QStringLiteral("kubectl kustomize warned: ") + QString::fromUtf8(warnings);
            return {};
        }
        Rendered rendered;
        rendered.text = kubectl.readAllStandardOutput();
        for (const YAML::Node &object : YAML::LoadAll(rendered.text.toStdString()))
            rendered.objects << object;
        return rendered;
    }
    static YAML::Node find(const QList<YAML::Node> &objects, const char *kind)
    {
        for (const YAML::Node &object : objects) {
            if (object["kind"].as<std::string>() == kind)
                return object;
        }
        return YAML::Node();
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

    // `deploy` with the defaults' opposite of everything: the kustomization the wizard writes
    // renders with `kubectl kustomize` (no warning) into objects that carry the answers' values
    // everywhere and nothing of the examples'.
    void deployKubernetesWithSqlite()
    {
        QString error;
        const Rendered rendered = deployKubernetes("deploy: {namespace: pipekit-prod, image: registry.acme.test/platform/forgelink-agent:0.3.0,\n"
                                                   "         ingressClassName: nginx-public, tlsSecretName: pipekit-prod-tls}\n",
                                                   &error);
        QVERIFY2(!rendered.objects.isEmpty(), qPrintable(error));
        QVERIFY2(!rendered.text.contains("example.com") && !rendered.text.contains(":latest") && !rendered.text.contains("postgres"),
                 rendered.text.constData());
        QStringList kinds;
        for (const YAML::Node &object : rendered.objects) {
            kinds << QString::fromStdString(object["kind"].as<std::string>());
            QCOMPARE(QString::fromStdString(object["metadata"]["namespace"].as<std::string>()), QStringLiteral("pipekit-prod"));
        }
        kinds.sort();
        QCOMPARE(kinds, (QStringList{ "ConfigMap", "Deployment", "Ingress", "PersistentVolumeClaim", "Secret", "Service" }));
        const YAML::Node ingress = find(rendered.objects, "Ingress");
        QCOMPARE(ingress["spec"]["ingressClassName"].as<std::string>(), std::string("nginx-public"));
        QCOMPARE(ingress["spec"]["rules"][0]["host"].as<std::string>(), std::string("pipekit.acme.test"));
        QCOMPARE(ingress["spec"]["tls"][0]["secretName"].as<std::string>(), std::string("pipekit-prod-tls"));
        QCOMPARE(ingress["spec"]["tls"][0]["hosts"][0].as<std::string>(), std::string("pipekit.acme.test"));
        QCOMPARE(ingress["spec"]["rules"][0]["http"]["paths"][0]["path"].as<std::string>(), std::string("/api/events-handler/v1/events/"));
        // One replica on one database: a rollout replaces it, never doubles it; the data on a volume.
        const YAML::Node deployment = find(rendered.objects, "Deployment");
        QCOMPARE(deployment["spec"]["replicas"].as<int>(), 1);
        QCOMPARE(deployment["spec"]["strategy"]["type"].as<std::string>(), std::string("Recreate"));
        const YAML::Node pod = deployment["spec"]["template"]["spec"];
        QCOMPARE(pod["containers"][0]["image"].as<std::string>(), std::string("registry.acme.test/platform/forgelink-agent:0.3.0"));
        QCOMPARE(pod["containers"][0]["imagePullPolicy"].as<std::string>(), std::string("IfNotPresent"));
        // The pod reads its Secret as the user it runs as.
        QCOMPARE(pod["securityContext"]["fsGroup"].as<int>(), pod["securityContext"]["runAsUser"].as<int>());
        bool dataMounted = false;
        for (const auto &mount : pod["containers"][0]["volumeMounts"])
            dataMounted |= mount["name"].as<std::string>() == "data" && mount["mountPath"].as<std::string>() == "/var/lib/forgelink";
        QVERIFY(dataMounted);
        bool claimed = false;
        for (const auto &volume : pod["volumes"])
            claimed |= volume["persistentVolumeClaim"] && volume["persistentVolumeClaim"]["claimName"].as<std::string>() == "forgelink-data";
        QVERIFY(claimed);
        // The config in the ConfigMap: the volume's database, the answers' events handler, the
        // Secret's files; the agent accepts it.
        const QByteArray config = QByteArray::fromStdString(find(rendered.objects, "ConfigMap")["data"]["agent.yaml"].as<std::string>());
        QVERIFY2(config.contains("database: \"sqlite:///var/lib/forgelink/forgelink.db\""), config.constData());
        QVERIFY2(config.contains("url: \"http://events-handler.pipekit-prod.svc.cluster.local:9000\""), config.constData());
        QVERIFY2(!config.contains("daily: false"), config.constData()); // the agent syncs itself
        QVERIFY(find(rendered.objects, "Secret")["stringData"]["gitlab-token"]);
        QVERIFY2(m_lastRun.out.contains(QStringLiteral("kubectl apply -k ")), qPrintable(m_lastRun.out));
    }

    void deployKubernetesWithPostgresql()
    {
        qputenv("FORGELINK_TEST_DB_PASSWORD", "db-password-0123456789");
        QString error;
        const Rendered rendered = deployKubernetes("deploy: {image: forgelink-agent:0.3.0, store: postgresql, replicas: 3,\n"
                                                   "         databaseUrl: \"postgresql://forgelink@db.acme.test:5432/forgelink\",\n"
                                                   "         databasePassword: env:FORGELINK_TEST_DB_PASSWORD}\n",
                                                   &error);
        qunsetenv("FORGELINK_TEST_DB_PASSWORD");
        QVERIFY2(!rendered.objects.isEmpty(), qPrintable(error));
        QVERIFY(find(rendered.objects, "PersistentVolumeClaim").IsNull());
        QCOMPARE(find(rendered.objects, "PodDisruptionBudget")["spec"]["minAvailable"].as<int>(), 1);
        const YAML::Node deployment = find(rendered.objects, "Deployment");
        QCOMPARE(deployment["spec"]["replicas"].as<int>(), 3);
        QCOMPARE(deployment["spec"]["strategy"]["type"].as<std::string>(), std::string("RollingUpdate"));
        QVERIFY(!find(rendered.objects, "Ingress")["spec"]["tls"].IsDefined()); // no tlsSecretName: the controller's own for the host
        const QByteArray config = QByteArray::fromStdString(find(rendered.objects, "ConfigMap")["data"]["agent.yaml"].as<std::string>());
        QVERIFY2(config.contains("database: \"postgresql://forgelink@db.acme.test:5432/forgelink\""), config.constData());
        QVERIFY2(config.contains("databasePassword: \"file:/var/run/secrets/forgelink/database-password\""), config.constData());
        QCOMPARE(find(rendered.objects, "Secret")["stringData"]["database-password"].as<std::string>(), std::string("db-password-0123456789"));
        QCOMPARE(QString::fromStdString(find(rendered.objects, "Deployment")["metadata"]["namespace"].as<std::string>()), QStringLiteral("pipekit"));
    }

    // What would cut Pipekit off or not deploy is refused before anything is written.
    void deployRefusals_data()
    {
        QTest::addColumn<QByteArray>("answers");
        QTest::addColumn<QString>("problem");
        const QByteArray base = "domain: pipekit.acme.test\ngitlab: {url: https://gitlab.acme.test, token: glpat-token-0123456789, webhookSecret: \"\"}\n";
        const QByteArray handler = "eventsHandler: http://events-handler:9000\n";
        QTest::newRow("no events handler") << base + "deploy: {image: forgelink-agent:0.3.0}\n"
                                           << "eventsHandler: is required with deploy.target kubernetes";
        QTest::newRow("no events handler behind nginx") << base + "deploy: {target: vm}\n" << "eventsHandler: is required with deploy.target vm";
        QTest::newRow("latest") << base + handler + "deploy: {image: forgelink-agent:latest}\n" << "deploy.image: must name a fixed tag, not :latest";
        QTest::newRow("no tag") << base + handler + "deploy: {image: forgelink-agent}\n" << "deploy.image: must be REGISTRY/NAME:TAG";
        QTest::newRow("no image") << base + handler + "deploy: {namespace: pipekit}\n" << "deploy.image: is required";
        QTest::newRow("postgresql without url") << base + handler + "deploy: {image: a:1, store: postgresql, databasePassword: pw-0123456789}\n"
                                                << "deploy.databaseUrl: must be postgresql://USER@HOST:PORT/DATABASE";
        QTest::newRow("one replica on postgresql") << base + handler
                        + "deploy: {image: a:1, store: postgresql, replicas: 1, databaseUrl: \"postgresql://f@db:5432/f\", databasePassword: pw-0123456789}\n"
                                                   << "deploy.replicas: must be a number from 2 to 20";
        QTest::newRow("unknown target") << base + handler + "deploy: {target: nomad}\n" << "deploy.target: must be kubernetes, vm or container";
    }
    void deployRefusals()
    {
        QFETCH(QByteArray, answers);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")), answers));
        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"),
                                 dir.filePath(QStringLiteral("out")) });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(problem), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out"))));
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

    // A check that cannot reach its provider says so in German throughout, the network's part too.
    void unreachableCheckInGerman()
    {
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")),
                                     "domain: pipekit.example.com\n"
                                     "gitlab: {url: https://forgelink-test.invalid, token: glpat-token-0123456789, webhookSecret: \"\"}\n"));
        const Run run = wizard({ QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"),
                                 dir.filePath(QStringLiteral("out")), QStringLiteral("--check") },
                               QStringLiteral("de_DE.UTF-8"));
        QCOMPARE(run.exitCode, 1);
        const QString all = run.out + run.err;
        QVERIFY2(all.contains(QStringLiteral("GitLab ist nicht erreichbar")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("der Hostname forgelink-test.invalid lässt sich nicht auflösen")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("cannot resolve")), qPrintable(all));
    }

    // --help in German is German throughout: Qt's headings and forgelink's option texts.
    void helpInGerman()
    {
        const Run run = wizard({ QStringLiteral("--help") }, QStringLiteral("de_DE.UTF-8"));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("Ohne Anzeige aus den Antworten")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("Optionen:")) && run.out.contains(QStringLiteral("Diese Hilfe anzeigen.")), qPrintable(run.out));
        for (const QString &english : { QStringLiteral("Generate without a display"), QStringLiteral("Displays"), QStringLiteral("Show this help") })
            QVERIFY2(!run.out.contains(english), qPrintable(run.out));
        const Run english = wizard({ QStringLiteral("--help") });
        QVERIFY2(english.out.contains(QStringLiteral("Generate without a display")) && english.out.contains(QStringLiteral("Show this help.")),
                 qPrintable(english.out));
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
