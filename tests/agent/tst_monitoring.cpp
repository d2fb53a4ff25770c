#include "agentprocess.h"
#include "fakeproviderapi.h"
#include "httptestclient.h"
#include "servedprocess.h"
#include "testkeys.h"
#include "testpaths.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <csignal>

using namespace forgelink;
using namespace forgelink::test;

// The monitoring that ships (resources/deploy/kubernetes/monitoring): Prometheus' own promtool
// checks the PrometheusRule's alerts and runs their unit tests (tests/monitoring), lints the
// agent's /metrics, and every metric an alert names is one the agent exports.
class tst_Monitoring : public QObject {
    Q_OBJECT

private:
    QString m_promtool;
    QTemporaryDir m_dir;

    static QString monitoringDir() { return TestPaths::sourceDir() + QStringLiteral("/resources/deploy/kubernetes/monitoring"); }

    struct Run {
        int exitCode = -1;
        QByteArray output;
    };
    Run promtool(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(m_promtool, arguments);
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60'000);
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAll() };
    }

    // The metric names in the rules' expressions.
    static QSet<QString> metricsInRules(const YAML::Node &groups)
    {
        QSet<QString> names;
        static const QRegularExpression metric(QStringLiteral("\\bforgelink_[a-z_]+"));
        for (const auto &group : groups) {
            for (const auto &rule : group["rules"]) {
                auto matches = metric.globalMatch(QString::fromStdString(rule["expr"].as<std::string>()));
                while (matches.hasNext())
                    names.insert(matches.next().captured());
            }
        }
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        if (m_promtool.isEmpty())
            QSKIP("no promtool here (Debian's prometheus package; scripts/install-deps.sh installs it)");
        QVERIFY(m_dir.isValid());
        // promtool reads plain rule groups: the PrometheusRule's spec is the one source.
        const YAML::Node rule = YAML::LoadFile((monitoringDir() + QStringLiteral("/prometheusrule.yaml")).toStdString());
        QCOMPARE(QString::fromStdString(rule["kind"].as<std::string>()), QStringLiteral("PrometheusRule"));
        YAML::Emitter rules;
        rules << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << rule["spec"]["groups"] << YAML::EndMap;
        QVERIFY(TestPaths::writeFile(m_dir.filePath(QStringLiteral("rules.yaml")), QByteArray(rules.c_str())));
        QVERIFY(QFile::copy(TestPaths::sourceDir() + QStringLiteral("/tests/monitoring/alerts.test.yaml"),
                            m_dir.filePath(QStringLiteral("alerts.test.yaml"))));
    }

    void rulesAreValidAndEachAlertIsTested()
    {
        const Run check = promtool({ QStringLiteral("check"), QStringLiteral("rules"), QStringLiteral("rules.yaml") });
        QVERIFY2(check.exitCode == 0, check.output.constData());
        const Run tests = promtool({ QStringLiteral("test"), QStringLiteral("rules"), QStringLiteral("alerts.test.yaml") });
        QVERIFY2(tests.exitCode == 0, tests.output.constData());
        // Every alert has a test that expects it to fire.
        const QByteArray unitTests = TestPaths::readFile(m_dir.filePath(QStringLiteral("alerts.test.yaml")));
        const YAML::Node groups = YAML::LoadFile(m_dir.filePath(QStringLiteral("rules.yaml")).toStdString())["groups"];
        for (const auto &group : groups) {
            for (const auto &rule : group["rules"]) {
                const QByteArray alert = QByteArray::fromStdString(rule["alert"].as<std::string>());
                QVERIFY2(unitTests.contains("alertname: " + alert), alert.constData());
            }
        }
    }

    // The monitoring kustomization renders (the wizard copies it to OUT/kubernetes/monitoring).
    void monitoringRenders()
    {
        QProcess kubectl;
        kubectl.start(QStringLiteral("kubectl"), { QStringLiteral("kustomize"), monitoringDir() });
        QVERIFY2(kubectl.waitForStarted(), "kubectl is missing: scripts/install-deps.sh installs it (Debian: kubernetes-client)");
        QVERIFY(kubectl.waitForFinished(60'000));
        QVERIFY2(kubectl.exitCode() == 0, kubectl.readAllStandardError().constData());
        const QByteArray warnings = kubectl.readAllStandardError();
        QVERIFY2(warnings.trimmed().isEmpty(), warnings.constData());
        QStringList kinds;
        for (const YAML::Node &object : YAML::LoadAll(kubectl.readAllStandardOutput().toStdString()))
            kinds << QString::fromStdString(object["kind"].as<std::string>());
        kinds.sort();
        QCOMPARE(kinds, (QStringList{ "ConfigMap", "PrometheusRule", "ServiceMonitor" }));
    }

    // An agent that synced (a run of `sync` before it started, then one of its own) exports every
    // metric the alerts name, and its /metrics passes promtool's lint.
    void agentExportsWhatTheAlertsName()
    {
        FakeProviderApi github(Provider::GitHub);
        github.githubPublicKeyPem = TestKeys::rsaPublicKeyPem();
        github.addRepos(3);
        FakeProviderApi gitlab(Provider::GitLab);
        gitlab.addRepos(3);
        QVERIFY(github.start() && gitlab.start());
        AgentProcess agent("forward: [{name: pipekit, url: http://127.0.0.1:9}]\n"
                           "providers:\n"
                           "  github: {apiUrl: " + github.baseUrl().toUtf8() + ", appId: " + github.appId.toUtf8()
                           + ", privateKey: file:app.pem, webhookSecret: github-secret-value}\n"
                             "  gitlab: {url: " + gitlab.baseUrl().toUtf8() + ", token: " + gitlab.token + ", webhookSecret: gitlab-secret-value}\n");
        QVERIFY(TestPaths::writeFile(QDir(agent.directory()).filePath(QStringLiteral("app.pem")), TestKeys::rsaPrivateKeyPem()));
        // The fakes answer from this process's event loop while the command runs.
        const ServedProcess::Run sync = ServedProcess::run(TestPaths::agentBinary(),
                                                           { QStringLiteral("sync"), QStringLiteral("--config"), agent.configPath() });
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
        QVERIFY2(agent.start(), agent.log().constData());
        auto metrics = [&] { return HttpTestClient::exchange(agent.port(), "GET", "/metrics")->body; };
        // Seeded from the store: the stale-sync alert holds across restarts.
        QTRY_VERIFY_WITH_TIMEOUT(metrics().contains("forgelink_sync_last_success_timestamp_seconds{provider=\"gitlab\"}"), 10'000);
        agent.signal(SIGHUP); // a sync of its own
        QTRY_VERIFY_WITH_TIMEOUT(metrics().contains("forgelink_sync_last_success{provider=\"gitlab\"} 1"), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(metrics().contains("forgelink_outbox_dead{target=\"pipekit\"}"), 15'000);
        const QByteArray exported = metrics();
        const YAML::Node groups = YAML::LoadFile(m_dir.filePath(QStringLiteral("rules.yaml")).toStdString())["groups"];
        const QSet<QString> named = metricsInRules(groups);
        QVERIFY(named.size() >= 6);
        for (const QString &name : named)
            QVERIFY2(exported.contains("\n" + name.toUtf8() + "{") || exported.contains("\n" + name.toUtf8() + " "),
                     qPrintable(name + QStringLiteral(" is not in /metrics:\n") + QString::fromUtf8(exported)));
        // The Grafana dashboard beside the rules asks only for what the agent exports too.
        const QJsonDocument dashboard = QJsonDocument::fromJson(TestPaths::readFile(monitoringDir() + QStringLiteral("/grafana-dashboard.json")));
        QVERIFY(dashboard.isObject());
        int queries = 0;
        static const QRegularExpression metric(QStringLiteral("\\bforgelink_[a-z_]+"));
        for (const QJsonValue &panel : dashboard.object().value(QStringLiteral("panels")).toArray()) {
            for (const QJsonValue &target : panel.toObject().value(QStringLiteral("targets")).toArray()) {
                const QString expr = target.toObject().value(QStringLiteral("expr")).toString();
                ++queries;
                QVERIFY2(metric.match(expr).hasMatch(), qPrintable(expr));
                auto matches = metric.globalMatch(expr);
                while (matches.hasNext()) {
                    const QByteArray name = matches.next().captured().toUtf8();
                    QVERIFY2(exported.contains("\n" + name + "{") || exported.contains("\n" + name + " "), name.constData());
                }
            }
        }
        QVERIFY(queries >= 8);
        const Run lint = promtool({ QStringLiteral("check"), QStringLiteral("metrics") }, exported);
        QVERIFY2(lint.exitCode == 0, lint.output.constData());
        QCOMPARE(agent.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Monitoring)
#include "tst_monitoring.moc"
