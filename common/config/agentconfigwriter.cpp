#include "config/agentconfigwriter.h"

#include "providers/azuredevops/azuredevopsapi.h"
#include "config/yamltree.h"

namespace forgelink {

QByteArray AgentConfigWriter::render(const Answers &answers)
{
    YamlTree tree;
    tree.set(QStringLiteral("listen"), QStringLiteral("0.0.0.0:8080"));
    tree.set(QStringLiteral("publicUrl"), QStringLiteral("https://") + answers.domain);
    tree.set(QStringLiteral("database"), QStringLiteral("sqlite://forgelink.db"));
    tree.set(QStringLiteral("sync.dailyAt"), QStringLiteral("02:00"));
    if (!answers.caBundleFile.isEmpty())
        tree.set(QStringLiteral("network.caBundle"), answers.caBundleFile);
    if (!answers.proxyUrl.isEmpty())
        tree.set(QStringLiteral("network.proxy"), answers.proxyUrl);
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
    if (const auto &github = answers.github) {
        tree.set(QStringLiteral("providers.github.apiUrl"), github->apiUrl);
        tree.set(QStringLiteral("providers.github.appId"), github->appId.toLongLong());
        tree.set(QStringLiteral("providers.github.privateKey"), QString::fromUtf8(github->privateKeyPem));
        tree.set(QStringLiteral("providers.github.webhookSecret"), github->webhookSecret);
    }
    if (const auto &gitlab = answers.gitlab) {
        tree.set(QStringLiteral("providers.gitlab.url"), gitlab->url);
        tree.set(QStringLiteral("providers.gitlab.token"), gitlab->token);
        tree.set(QStringLiteral("providers.gitlab.webhookSecret"), gitlab->webhookSecret);
    }
    if (const auto &bitbucket = answers.bitbucket) {
        tree.set(QStringLiteral("providers.bitbucket.url"), bitbucket->url);
        tree.set(QStringLiteral("providers.bitbucket.token"), bitbucket->token);
        tree.set(QStringLiteral("providers.bitbucket.webhookSecret"), bitbucket->webhookSecret);
    }
    if (const auto &azure = answers.azureDevOps) {
        tree.set(QStringLiteral("providers.azureDevOps.organizationUrl"), azure->organizationUrl);
        tree.set(QStringLiteral("providers.azureDevOps.apiVersion"),
                 azure->apiVersion.isEmpty() ? AzureDevOpsApi::defaultApiVersion(azure->organizationUrl) : azure->apiVersion);
        tree.set(QStringLiteral("providers.azureDevOps.token"), azure->token);
        tree.set(QStringLiteral("providers.azureDevOps.webhookBasicAuthUser"), azure->webhookBasicAuthUser);
        tree.set(QStringLiteral("providers.azureDevOps.webhookBasicAuthPass"), azure->webhookBasicAuthPass);
    }
    return tree.toYaml({ QStringLiteral("forgelink-agent configuration for %1, written by forgelink-wizard.")
                                 .arg(answers.domain),
                         QStringLiteral("Secrets may also be given as env:NAME, file:PATH or keychain:KEY."),
                         QStringLiteral("Holds secrets: keep it private (mode 0600), do not commit it.") });
}

} // namespace forgelink
