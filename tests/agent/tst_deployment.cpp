#include "config/agentconfigreader.h"
#include "testkeys.h"
#include "testpaths.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace forgelink;
using namespace forgelink::test;

// Renders resources/deploy/kubernetes with `kubectl kustomize` and checks what an operator
// relies on: two hardened replicas with health probes, the nightly sync CronJob, the config.
class tst_Deployment : public QObject {
    Q_OBJECT

private:
    std::map<std::string, YAML::Node> m_objects; // by kind

private Q_SLOTS:
    void initTestCase()
    {
        QProcess kubectl;
        kubectl.start(QStringLiteral("kubectl"), { QStringLiteral("kustomize"), TestPaths::sourceDir() + QStringLiteral("/resources/deploy/kubernetes") });
        QVERIFY2(kubectl.waitForStarted(), "kubectl is missing: scripts/install-deps.sh installs it (Debian: kubernetes-client)");
        QVERIFY(kubectl.waitForFinished(60'000));
        QVERIFY2(kubectl.exitCode() == 0, kubectl.readAllStandardError().constData());
        // No deprecation warnings (commonLabels, say) with the kubectl at hand.
        const QByteArray warnings = kubectl.readAllStandardError();
        QVERIFY2(warnings.trimmed().isEmpty(), warnings.constData());
        for (const YAML::Node &object : YAML::LoadAll(kubectl.readAllStandardOutput().toStdString()))
            m_objects[object["kind"].as<std::string>()] = object;
        QCOMPARE(m_objects.size(), size_t(6));
    }

    void deploymentIsHardenedAndProbed()
    {
        const YAML::Node deployment = m_objects["Deployment"];
        QCOMPARE(deployment["spec"]["replicas"].as<int>(), 2);
        const YAML::Node pod = deployment["spec"]["template"]["spec"];
        QCOMPARE(pod["securityContext"]["runAsNonRoot"].as<bool>(), true);
        const YAML::Node container = pod["containers"][0];
        QCOMPARE(container["securityContext"]["readOnlyRootFilesystem"].as<bool>(), true);
        QCOMPARE(container["securityContext"]["allowPrivilegeEscalation"].as<bool>(), false);
        QCOMPARE(container["livenessProbe"]["httpGet"]["path"].as<std::string>(), std::string("/healthz"));
        QCOMPARE(container["readinessProbe"]["httpGet"]["path"].as<std::string>(), std::string("/readyz"));
        QVERIFY(container["resources"]["requests"]["cpu"].IsDefined());
        QVERIFY(container["resources"]["requests"]["memory"].IsDefined());
        QCOMPARE(container["args"][0].as<std::string>(), std::string("serve"));
        QCOMPARE(pod["volumes"][1]["secret"]["secretName"].as<std::string>(), std::string("forgelink-secrets"));
        // The generated ConfigMap's hashed name is what the pod mounts.
        QCOMPARE(pod["volumes"][0]["configMap"]["name"].as<std::string>(), m_objects["ConfigMap"]["metadata"]["name"].as<std::string>());
    }

    void serviceAndCronJob()
    {
        QCOMPARE(m_objects["Service"]["spec"]["ports"][0]["targetPort"].as<std::string>(), std::string("http"));
        const YAML::Node cron = m_objects["CronJob"];
        QCOMPARE(cron["spec"]["concurrencyPolicy"].as<std::string>(), std::string("Forbid"));
        const YAML::Node pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"];
        QCOMPARE(pod["containers"][0]["args"][0].as<std::string>(), std::string("sync"));
        QCOMPARE(pod["securityContext"]["runAsNonRoot"].as<bool>(), true);
        QCOMPARE(pod["containers"][0]["securityContext"]["readOnlyRootFilesystem"].as<bool>(), true);
    }

    // Every object carries the labels (written in each manifest, since commonLabels is deprecated
    // and Debian's kustomize knows no `labels:`), and the pods too.
    void everyObjectIsLabelled()
    {
        for (const auto &[kind, object] : m_objects) {
            QCOMPARE(object["metadata"]["labels"]["app.kubernetes.io/name"].as<std::string>(), std::string("forgelink-agent"));
            QCOMPARE(object["metadata"]["labels"]["app.kubernetes.io/part-of"].as<std::string>(), std::string("pipekit"));
        }
        const YAML::Node pod = m_objects["Deployment"]["spec"]["template"]["metadata"]["labels"];
        QCOMPARE(pod["app.kubernetes.io/name"].as<std::string>(), std::string("forgelink-agent"));
        // The Service and the PodDisruptionBudget select the receiver's pods, not the sync's.
        for (const YAML::Node &selector : { m_objects["Service"]["spec"]["selector"],
                                            m_objects["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] }) {
            for (const auto &label : selector)
                QCOMPARE(pod[label.first.as<std::string>()].as<std::string>(), label.second.as<std::string>());
        }
        QCOMPARE(m_objects["PodDisruptionBudget"]["spec"]["minAvailable"].as<int>(), 1);
    }

    // The Secret is mounted where the wizard's kubernetes/agent.yaml reads it, in the receiver
    // and in the nightly sync alike.
    void secretMountedWhereTheConfigReadsIt()
    {
        const YAML::Node deployment = m_objects["Deployment"]["spec"]["template"]["spec"];
        const YAML::Node cron = m_objects["CronJob"]["spec"]["jobTemplate"]["spec"]["template"]["spec"];
        for (const YAML::Node &pod : { deployment, cron }) {
            bool mounted = false;
            for (const YAML::Node &mount : pod["containers"][0]["volumeMounts"]) {
                if (mount["mountPath"].as<std::string>() == "/var/run/secrets/forgelink") {
                    mounted = true;
                    for (const YAML::Node &volume : pod["volumes"]) {
                        if (volume["name"].as<std::string>() == mount["name"].as<std::string>())
                            QCOMPARE(volume["secret"]["secretName"].as<std::string>(), std::string("forgelink-secrets"));
                    }
                }
            }
            QVERIFY(mounted);
        }
    }

    // Pipekit's webhook paths go to the agent's Service; the agent forwards to Pipekit.
    void ingressTakesTheWebhookPaths()
    {
        const YAML::Node rule = m_objects["Ingress"]["spec"]["rules"][0];
        const YAML::Node path = rule["http"]["paths"][0];
        QCOMPARE(path["path"].as<std::string>(), std::string("/api/events-handler/v1/events/"));
        QCOMPARE(path["pathType"].as<std::string>(), std::string("Prefix"));
        QCOMPARE(path["backend"]["service"]["name"].as<std::string>(), m_objects["Service"]["metadata"]["name"].as<std::string>());
        QCOMPARE(path["backend"]["service"]["port"]["name"].as<std::string>(),
                 m_objects["Service"]["spec"]["ports"][0]["name"].as<std::string>());
    }

    void configIsValidWithTheSecretFiles()
    {
        QByteArray config = QByteArray::fromStdString(m_objects["ConfigMap"]["data"]["agent.yaml"].as<std::string>());
        QTemporaryDir secrets;
        const QStringList files{ "database-password", "github-app.pem", "github-webhook-secret", "gitlab-token", "gitlab-webhook-secret",
                                 "bitbucket-token", "bitbucket-webhook-secret", "azure-devops-token", "azure-devops-webhook-password" };
        for (const QString &file : files) {
            QVERIFY(config.contains("file:/var/run/secrets/forgelink/" + file.toUtf8()));
            TestPaths::writeFile(secrets.filePath(file), "value-of-" + file.toUtf8() + '\n');
        }
        // The key file must hold a key.
        QVERIFY(TestPaths::writeFile(secrets.filePath(QStringLiteral("github-app.pem")), TestKeys::rsaPrivateKeyPem()));
        config.replace("/var/run/secrets/forgelink", secrets.path().toUtf8());
        const AgentConfigReader::Reading outcome = AgentConfigReader::readText(config, secrets.path());
        QVERIFY2(outcome.errors.isEmpty(), qPrintable(toStringList(outcome.errors).join(u'\n')));
        QCOMPARE(outcome.config.database.driver, QStringLiteral("QPSQL"));
        QCOMPARE(outcome.config.database.password, QByteArray("value-of-database-password"));
        QCOMPARE(outcome.config.syncDaily, false);
        QCOMPARE(outcome.config.enabledProviders().size(), 4);
        QCOMPARE(outcome.config.forward.size(), 1);
        QCOMPARE(outcome.config.forward.first().name, QStringLiteral("pipekit"));
        QCOMPARE(outcome.config.forward.first().format, ForwardTarget::Format::Original);
    }
};

QTEST_GUILESS_MAIN(tst_Deployment)
#include "tst_deployment.moc"
