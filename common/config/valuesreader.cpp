#include "config/valuesreader.h"

#include "config/yamlsupport.h"

#include <QFile>

namespace forgelink {

namespace {

std::optional<QString> valueAt(const YAML::Node &root, const QStringList &keyPath)
{
    YAML::Node node = YAML::Clone(root);
    for (const QString &key : keyPath) {
        if (!node.IsMap())
            return std::nullopt;
        node = node[key.toStdString()];
        if (!node.IsDefined())
            return std::nullopt;
    }
    if (!node.IsScalar())
        return std::nullopt;
    return yamlScalar(node);
}

void assign(Answers &answers, const QString &section, const QString &field, const QString &value)
{
    if (section == u"github" && answers.github) {
        GitHubAnswers &g = *answers.github;
        if (field == u"appName") g.appName = value;
        else if (field == u"appId") g.appId = value;
        else if (field == u"clientId") g.clientId = value;
        else if (field == u"clientSecret") g.clientSecret = value;
        else if (field == u"privateKey") g.privateKeyPem = value.toUtf8();
        else if (field == u"webhookSecret") g.webhookSecret = value;
        else if (field == u"organization") g.organization = value;
        else if (field == u"apiUrl") g.apiUrl = value;
    } else if (section == u"gitlab" && answers.gitlab) {
        if (field == u"url") answers.gitlab->url = value;
        else if (field == u"token") answers.gitlab->token = value;
        else if (field == u"webhookSecret") answers.gitlab->webhookSecret = value;
    } else if (section == u"bitbucket" && answers.bitbucket) {
        if (field == u"url") answers.bitbucket->url = value;
        else if (field == u"token") answers.bitbucket->token = value;
        else if (field == u"webhookSecret") answers.bitbucket->webhookSecret = value;
    } else if (section == u"azureDevOps" && answers.azureDevOps) {
        if (field == u"organizationUrl") answers.azureDevOps->organizationUrl = value;
        else if (field == u"token") answers.azureDevOps->token = value;
        else if (field == u"webhookBasicAuthUser") answers.azureDevOps->webhookBasicAuthUser = value;
        else if (field == u"webhookBasicAuthPass") answers.azureDevOps->webhookBasicAuthPass = value;
    }
}

} // namespace

Result<Answers> ValuesReader::readFile(const QString &path, const ValuesLayout &layout)
{
    Result<QByteArray> text = readConfigFile(path);
    if (!text)
        return fail(QStringLiteral("%1: %2").arg(path, text.error()));
    return readText(text.value(), layout, path);
}

Result<Answers> ValuesReader::readText(const QByteArray &text, const ValuesLayout &layout, const QString &what)
{
    Result<YAML::Node> document = loadYamlText(text, what);
    if (!document)
        return fail(document.error());
    if (!document->IsMap())
        return fail(QStringLiteral("%1 is not a values file (not a mapping)").arg(what));
    Answers answers;
    // Sections first: a provider whose `enabled` is true gets its section, then its fields.
    for (const ValuesLayout::Entry &entry : layout.entries()) {
        if (entry.field != u"enabled" || valueAt(*document, entry.keyPath) != u"true")
            continue;
        if (entry.section == u"github") answers.github.emplace();
        else if (entry.section == u"gitlab") answers.gitlab.emplace();
        else if (entry.section == u"bitbucket") answers.bitbucket.emplace();
        else if (entry.section == u"azureDevOps") answers.azureDevOps.emplace();
    }
    for (const ValuesLayout::Entry &entry : layout.entries()) {
        if (const auto value = valueAt(*document, entry.keyPath); value && entry.field != u"enabled")
            assign(answers, entry.section, entry.field, *value);
    }
    if (!answers.anyProviderEnabled())
        return fail(QStringLiteral("%1 enables no Git provider under the keys of the values layout").arg(what));
    return answers;
}

} // namespace forgelink
