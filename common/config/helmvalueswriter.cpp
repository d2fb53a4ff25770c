#include "config/helmvalueswriter.h"

#include "config/yamltree.h"

#include <QVariant>

namespace forgelink {

namespace {

bool sectionEnabled(const Answers &answers, const QString &section)
{
    if (section == u"github")
        return answers.github.has_value();
    if (section == u"gitlab")
        return answers.gitlab.has_value();
    if (section == u"bitbucket")
        return answers.bitbucket.has_value();
    return answers.azureDevOps.has_value();
}

QVariant fieldValue(const Answers &answers, const QString &section, const QString &field)
{
    if (field == u"enabled")
        return sectionEnabled(answers, section);
    if (section == u"github" && answers.github) {
        const GitHubAnswers &github = *answers.github;
        if (field == u"appName") return github.appName;
        if (field == u"appId") return github.appId.toLongLong();
        if (field == u"clientId") return github.clientId;
        if (field == u"clientSecret") return github.clientSecret;
        if (field == u"privateKey") return QString::fromUtf8(github.privateKeyPem);
        if (field == u"webhookSecret") return github.webhookSecret;
        if (field == u"organization") return github.organization;
        if (field == u"apiUrl") return github.apiUrl;
    } else if (section == u"gitlab" && answers.gitlab) {
        if (field == u"url") return answers.gitlab->url;
        if (field == u"token") return answers.gitlab->token;
        if (field == u"webhookSecret") return answers.gitlab->webhookSecret;
    } else if (section == u"bitbucket" && answers.bitbucket) {
        if (field == u"url") return answers.bitbucket->url;
        if (field == u"token") return answers.bitbucket->token;
        if (field == u"webhookSecret") return answers.bitbucket->webhookSecret;
    } else if (section == u"azureDevOps" && answers.azureDevOps) {
        if (field == u"organizationUrl") return answers.azureDevOps->organizationUrl;
        if (field == u"token") return answers.azureDevOps->token;
        if (field == u"webhookBasicAuthUser") return answers.azureDevOps->webhookBasicAuthUser;
        if (field == u"webhookBasicAuthPass") return answers.azureDevOps->webhookBasicAuthPass;
    }
    return {};
}

} // namespace

QByteArray HelmValuesWriter::render(const Answers &answers, const ValuesLayout &layout)
{
    YamlTree tree;
    for (const ValuesLayout::Entry &entry : layout.entries()) {
        const bool enabled = sectionEnabled(answers, entry.section);
        if (!enabled && entry.field != u"enabled")
            continue;
        const QVariant value = fieldValue(answers, entry.section, entry.field);
        // An optional answer left empty (the GitHub organization) is not written at all.
        if (value.typeId() == QMetaType::QString && value.toString().isEmpty())
            continue;
        tree.set(entry.keyPath, value);
    }
    return tree.toYaml({ QStringLiteral("Pipekit Git provider settings, written by forgelink-wizard for %1.")
                                 .arg(answers.domain),
                         QStringLiteral("Holds secrets: keep it private (mode 0600), do not commit it.") });
}

} // namespace forgelink
