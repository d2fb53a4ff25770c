#include "providers/azuredevops/azuredevopsapi.h"

#include <QRegularExpression>
#include <QUrl>

namespace forgelink {

ApiClient::Headers AzureDevOpsApi::headers(const QByteArray &token)
{
    // Any user name, the PAT as the password.
    return { { "Authorization", "Basic " + (":" + token).toBase64() }, { "Accept", "application/json" } };
}

bool AzureDevOpsApi::isServices(const QString &organizationUrl)
{
    const QString host = QUrl(organizationUrl).host().toLower();
    return host == u"dev.azure.com" || host.endsWith(QLatin1String(".visualstudio.com"));
}

QString AzureDevOpsApi::defaultApiVersion(const QString &organizationUrl)
{
    return isServices(organizationUrl) ? QStringLiteral("7.1") : QStringLiteral("7.0");
}

QStringList AzureDevOpsApi::knownApiVersions()
{
    return { QStringLiteral("7.1"), QStringLiteral("7.0"), QStringLiteral("6.0"), QStringLiteral("5.0") };
}

QString AzureDevOpsApi::productFor(const QString &apiVersion)
{
    if (apiVersion == u"7.1")
        return QStringLiteral("Azure DevOps Services");
    if (apiVersion == u"7.0")
        return QStringLiteral("Azure DevOps Server 2022");
    if (apiVersion == u"6.0")
        return QStringLiteral("Azure DevOps Server 2020");
    if (apiVersion == u"5.0" || apiVersion == u"5.1")
        return QStringLiteral("Azure DevOps Server 2019");
    return QStringLiteral("Azure DevOps");
}

QString AzureDevOpsApi::versionProblem(const ApiClient::Response &response, const QString &askedVersion)
{
    if (response.status != 400 || !response.body.contains("VersionOutOfRange"))
        return {};
    // "... The latest REST API version this server supports is 6.0."
    static const QRegularExpression latest(QStringLiteral("supports is ([0-9]+\\.[0-9]+)"));
    const QRegularExpressionMatch match = latest.match(QString::fromUtf8(response.body));
    if (!match.hasMatch())
        return QStringLiteral("this Azure DevOps does not speak REST API version %1; set apiVersion to the version it speaks "
                              "(Server 2022: 7.0, 2020: 6.0, 2019: 5.0)")
                .arg(askedVersion);
    return QStringLiteral("this Azure DevOps speaks REST API versions up to %1 (%2), not %3: set apiVersion to \"%1\"")
            .arg(match.captured(1), productFor(match.captured(1)), askedVersion);
}

} // namespace forgelink
