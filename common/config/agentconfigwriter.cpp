#include "config/agentconfigwriter.h"

#include "crypto/secretgenerator.h"
#include "providers/providerregistry.h"
#include "config/yamltree.h"

#include <functional>

namespace forgelink {

namespace {

// What goes where a secret goes: the secret itself, or a reference to where it is.
using SecretPlacer = std::function<QString(const QString &key, const QString &value)>;

void renderProviders(YamlTree &tree, const Answers &answers, const SecretPlacer &secret)
{
    if (!answers.eventsHandlerUrl.isEmpty()) {
        // Every delivery goes on to Pipekit as the provider sent it, through the outbox.
        YamlTree pipekit;
        pipekit.set(QStringLiteral("name"), QStringLiteral("pipekit"));
        QString url = answers.eventsHandlerUrl;
        if (url.endsWith(QLatin1Char('/')))
            url.chop(1);
        pipekit.set(QStringLiteral("url"), url);
        pipekit.set(QStringLiteral("format"), QStringLiteral("original"));
        tree.append(QStringLiteral("forward"), pipekit);
    }
    // Each provider's section: the fields it declares for agent.yaml, a secret where `secret` puts it.
    for (auto it = answers.providers.constBegin(); it != answers.providers.constEnd(); ++it) {
        const GitProvider &provider = ProviderRegistry::get(it.key());
        const QStringList section{ QStringLiteral("providers"), provider.section() };
        for (const ProviderField &field : provider.answerFields()) {
            if (!field.inAgentConfig)
                continue;
            const QString value = field.agentValue(*it);
            tree.set(section + QStringList{ field.key }, field.isSecret() ? QVariant(secret(field.secretFileName, value)) : field.yamlValue(value));
        }
    }
}

void renderNetwork(YamlTree &tree, const Answers &answers)
{
    if (!answers.caBundleFile.isEmpty())
        tree.set(QStringLiteral("network.caBundle"), answers.caBundleFile);
    if (!answers.proxyUrl.isEmpty())
        tree.set(QStringLiteral("network.proxy"), answers.proxyUrl);
}

} // namespace

QByteArray AgentConfigWriter::render(const Answers &answers, const QString &listen)
{
    YamlTree tree;
    tree.set(QStringLiteral("listen"), listen);
    tree.set(QStringLiteral("publicUrl"), QStringLiteral("https://") + answers.domain);
    if (answers.deploy && answers.deploy->store == u"postgresql") {
        tree.set(QStringLiteral("database"), answers.deploy->databaseUrl);
        tree.set(QStringLiteral("databasePassword"), answers.deploy->databasePassword);
    } else {
        // Relative: beside the config, or in systemd's StateDirectory and the image's volume.
        tree.set(QStringLiteral("database"), QStringLiteral("sqlite://forgelink.db"));
    }
    tree.set(QStringLiteral("sync.dailyAt"), QStringLiteral("02:00"));
    renderNetwork(tree, answers);
    renderProviders(tree, answers, [](const QString &, const QString &value) { return value; });
    return tree.toYaml({ QStringLiteral("forgelink-agent configuration for %1, written by forgelink-wizard.")
                                 .arg(answers.domain),
                         QStringLiteral("Secrets may also be given as env:NAME, file:PATH or keychain:KEY."),
                         QStringLiteral("Holds secrets: keep it private (mode 0600), do not commit it.") });
}

AgentConfigWriter::Kubernetes AgentConfigWriter::renderForKubernetes(const Answers &answers)
{
    Kubernetes output;
    const QString mount = QString::fromLatin1(kSecretMount);
    auto reference = [&output, &mount](const QString &key, const QString &value) {
        output.secrets.append({ key, value.toUtf8() });
        return QStringLiteral("file:%1/%2").arg(mount, key);
    };
    YamlTree tree;
    tree.set(QStringLiteral("listen"), QStringLiteral("0.0.0.0:8080"));
    tree.set(QStringLiteral("publicUrl"), QStringLiteral("https://") + answers.domain);
    if (const auto &deploy = answers.deploy) {
        // The deployment the wizard writes: SQLite on the pod's volume, or the answers' PostgreSQL;
        // the agent syncs daily itself, under a lease that keeps replicas from syncing twice.
        if (deploy->store == u"postgresql") {
            tree.set(QStringLiteral("database"), deploy->databaseUrl);
            tree.set(QStringLiteral("databasePassword"), reference(QStringLiteral("database-password"), deploy->databasePassword));
        } else {
            tree.set(QStringLiteral("database"), QStringLiteral("sqlite://%1/forgelink.db").arg(QLatin1String(kDataPath)));
        }
        tree.set(QStringLiteral("sync.dailyAt"), QStringLiteral("02:00"));
    } else {
        // Two replicas share PostgreSQL (the base's Deployment); the role's password is in the Secret.
        tree.set(QStringLiteral("database"), QStringLiteral("postgresql://forgelink@postgres:5432/forgelink?sslmode=prefer"));
        tree.set(QStringLiteral("databasePassword"), reference(QStringLiteral("database-password"), SecretGenerator::generate()));
        tree.set(QStringLiteral("sync.dailyAt"), QStringLiteral("02:00"));
        tree.set(QStringLiteral("sync.daily"), false); // the CronJob runs the sync
    }
    renderNetwork(tree, answers);
    renderProviders(tree, answers, reference);
    output.agentYaml = tree.toYaml({ QStringLiteral("forgelink-agent configuration for %1 on Kubernetes, written by forgelink-wizard.")
                                             .arg(answers.domain),
                                     QStringLiteral("Every secret is a file of the Secret %1, mounted at %2 (kubernetes/forgelink-secrets.yaml).")
                                             .arg(QLatin1String(kSecretName), mount),
                                     QStringLiteral("It holds no secret itself: it becomes the ConfigMap forgelink-agent-config.") });

    YamlTree secret;
    secret.set(QStringLiteral("apiVersion"), QStringLiteral("v1"));
    secret.set(QStringLiteral("kind"), QStringLiteral("Secret"));
    secret.set(QStringLiteral("metadata.name"), QString::fromLatin1(kSecretName));
    secret.set(QStringList{ QStringLiteral("metadata"), QStringLiteral("labels"), QStringLiteral("app.kubernetes.io/name") },
               QStringLiteral("forgelink-agent"));
    secret.set(QStringLiteral("type"), QStringLiteral("Opaque"));
    for (const auto &[key, value] : std::as_const(output.secrets))
        secret.set(QStringList{ QStringLiteral("stringData"), key }, QString::fromUtf8(value));
    output.secretYaml = secret.toYaml({ QStringLiteral("The secrets forgelink-agent reads on Kubernetes, written by forgelink-wizard for %1.")
                                               .arg(answers.domain),
                                       QStringLiteral("Apply it (kubectl apply -n pipekit -f forgelink-secrets.yaml); never commit it."),
                                       answers.deploy ? QStringLiteral("The kustomization beside it applies it with the agent (kubectl apply -k).")
                                                      : QStringLiteral("database-password: set it as the PostgreSQL role forgelink's password, or put that one here.") });
    return output;
}

} // namespace forgelink
