#include "settings/fieldchecks.h"

#include "crypto/privatekey.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QRegularExpression>
#include <QUrl>

namespace forgelink {

namespace {

QString quoted(const QString &value)
{
    return QLatin1Char('"') + value + QLatin1Char('"');
}

// A secret reference that reached the validator unresolved would be written into values.yaml as
// its own text, and Pipekit would use that text as the secret.
std::optional<QString> unresolvedReference(const QString &value)
{
    for (const char *scheme : { "env:", "file:", "keychain:" }) {
        if (value.startsWith(QLatin1String(scheme)))
            return QCoreApplication::translate("forgelink::AnswersValidator", "is a reference (%1...); give the secret itself here").arg(QLatin1String(scheme));
    }
    return std::nullopt;
}

bool hasWhitespaceOrControl(const QString &value)
{
    for (QChar c : value) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

} // namespace

std::optional<QString> FieldChecks::checkHostName(const QString &host)
{
    if (host.isEmpty())
        return tr("is required: the host name Pipekit is reached at, e.g. pipekit.example.com");
    if (host.contains(QLatin1String("://")))
        return tr("must be a host name without a scheme, e.g. pipekit.example.com, got %1").arg(quoted(host));
    if (host.contains(QLatin1Char('/')))
        return tr("must be a host name without a path, got %1").arg(quoted(host));
    if (hasWhitespaceOrControl(host))
        return tr("must not contain spaces, got %1").arg(quoted(host));
    if (host.contains(QLatin1Char(':')))
        return tr("must be a host name without a port, got %1").arg(quoted(host));
    if (host.size() > 253)
        return tr("is longer than 253 characters");
    static const QRegularExpression label(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    const QStringList labels = host.split(QLatin1Char('.'));
    for (const QString &part : labels) {
        if (part.isEmpty())
            return tr("has an empty label (two dots, or a dot at either end): %1").arg(quoted(host));
        if (!label.match(part).hasMatch())
            return tr("label %1 may hold only letters, digits and inner hyphens, up to 63 characters")
                    .arg(quoted(part));
    }
    return std::nullopt;
}

bool FieldChecks::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<QString> FieldChecks::checkServiceUrl(const QString &url)
{
    if (url.isEmpty())
        return tr("is required");
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return tr("must be a URL such as https://host.example.com, got %1").arg(quoted(url));
    if (parsed.scheme() == u"http") {
        if (!isLoopbackHost(parsed.host()))
            return tr("must use https (http is allowed only for loopback addresses), got %1").arg(quoted(url));
    } else if (parsed.scheme() != u"https") {
        return tr("must be an https URL, got %1").arg(quoted(url));
    }
    if (!parsed.userInfo().isEmpty())
        return tr("must not carry a user name or password; give the token in its own field");
    if (parsed.hasQuery() || parsed.hasFragment())
        return tr("must not have a query or fragment, got %1").arg(quoted(url));
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkAzureApiVersion(const QString &version)
{
    static const QRegularExpression shape(QStringLiteral("^[0-9]{1,2}\\.[0-9]$"));
    if (!shape.match(version).hasMatch())
        return tr("must be a REST API version such as 7.1 (Azure DevOps Services), 7.0 (Server 2022), 6.0 (Server "
                              "2020) or 5.0 (Server 2019), got %1")
                .arg(quoted(version));
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkAzureOrganizationUrl(const QString &url)
{
    if (const auto problem = checkServiceUrl(url))
        return problem;
    const QUrl parsed(url);
    const QStringList segments = parsed.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    static const QRegularExpression organization(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9-]{0,48}[A-Za-z0-9]?$"));
    if (parsed.host().compare(QLatin1String("dev.azure.com"), Qt::CaseInsensitive) == 0) {
        if (segments.size() != 1)
            return tr("must be https://dev.azure.com/ORGANIZATION (one organization), got %1").arg(quoted(url));
        if (!organization.match(segments.first()).hasMatch())
            return tr("organization %1 may hold only letters, digits and hyphens").arg(quoted(segments.first()));
    } else if (parsed.host().endsWith(QLatin1String(".visualstudio.com"), Qt::CaseInsensitive)) {
        if (!segments.isEmpty())
            return tr("must be https://ORGANIZATION.visualstudio.com without a path, got %1").arg(quoted(url));
    } else if (segments.isEmpty() && !isLoopbackHost(parsed.host())) {
        // Azure DevOps Server serves each collection under a path: https://host/tfs/DefaultCollection
        return tr("must name the organization or collection: https://dev.azure.com/ORGANIZATION "
                              "or https://SERVER/COLLECTION, got %1").arg(quoted(url));
    }
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkGitHubAppId(const QString &appId)
{
    if (appId.isEmpty())
        return tr("is required: the App ID shown on the GitHub App's settings page");
    static const QRegularExpression digits(QStringLiteral("^[1-9][0-9]{0,11}$"));
    if (!digits.match(appId).hasMatch())
        return tr("must be a number, got %1").arg(quoted(appId));
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkGitHubClientId(const QString &clientId)
{
    if (clientId.isEmpty())
        return tr("is required: the Client ID shown on the GitHub App's settings page");
    // GitHub App client IDs start with "Iv" (Iv1.0123456789abcdef, Iv23li...).
    static const QRegularExpression shape(QStringLiteral("^Iv[A-Za-z0-9.]{4,40}$"));
    if (!shape.match(clientId).hasMatch())
        return tr("does not look like a GitHub App client ID (they start with \"Iv\"), got %1")
                .arg(quoted(clientId));
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkGitHubOrganization(const QString &organization)
{
    static const QRegularExpression login(QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"));
    if (!login.match(organization).hasMatch())
        return tr("must be a GitHub organization name (letters, digits, single hyphens), got %1")
                .arg(quoted(organization));
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkGitHubAppName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("is required: the GitHub App's name");
    if (name.size() > 34)
        return tr("is longer than GitHub's 34 characters");
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkRequiredSecret(const QString &value)
{
    if (value.isEmpty())
        return tr("is required");
    if (isPlaceholder(value))
        return placeholderProblem();
    if (const auto reference = unresolvedReference(value))
        return reference;
    if (hasWhitespaceOrControl(value))
        return tr("must not contain spaces or line breaks (was it pasted with extra text?)");
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkOptionalSecret(const QString &value)
{
    if (value.isEmpty())
        return std::nullopt;
    if (isPlaceholder(value))
        return placeholderProblem();
    if (const auto reference = unresolvedReference(value))
        return reference;
    if (hasWhitespaceOrControl(value))
        return tr("must not contain spaces or line breaks");
    if (value.size() < 16)
        return tr("is shorter than 16 characters; leave it empty to generate a strong one");
    return std::nullopt;
}

bool FieldChecks::isPlaceholder(const QString &value)
{
    // The example answers' way of marking what the admin must fill in.
    return value.startsWith(QLatin1String("replace-with"), Qt::CaseInsensitive);
}

QString FieldChecks::placeholderProblem()
{
    return tr("is still the example's placeholder: give the real value, or env:NAME or file:PATH");
}

std::optional<QString> FieldChecks::checkBasicAuthUser(const QString &user)
{
    if (user.isEmpty())
        return tr("is required");
    if (user.contains(QLatin1Char(':')))
        return tr("must not contain a colon (HTTP Basic auth separates user and password with one)");
    if (hasWhitespaceOrControl(user))
        return tr("must not contain spaces");
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkPrivateKeyFile(const QString &path)
{
    if (path.isEmpty())
        return tr("is required: the private key (.pem) generated on the GitHub App's settings page");
    const auto key = PrivateKey::fromFile(path);
    if (!key)
        return key.error();
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkCaBundle(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("cannot read %1: %2").arg(path, file.errorString());
    if (QSslCertificate::fromData(file.readAll(), QSsl::Pem).isEmpty())
        return tr("%1 holds no PEM certificate").arg(path);
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkEventsHandlerUrl(const QString &url)
{
    if (url.isEmpty())
        return std::nullopt;
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() || (parsed.scheme() != u"http" && parsed.scheme() != u"https"))
        return tr("must be http(s)://HOST[:PORT], e.g. http://pipekit-events-handler.pipekit.svc.cluster.local:8080, got %1")
                .arg(quoted(url));
    if (!parsed.userInfo().isEmpty() || parsed.hasQuery() || parsed.hasFragment())
        return tr("must not carry a user, query or fragment, got %1").arg(quoted(url));
    if (!parsed.path().isEmpty() && parsed.path() != u"/")
        return tr("must not have a path: the agent adds /api/events-handler/v1/events/<provider>, got %1").arg(quoted(url));
    return std::nullopt;
}

std::optional<QString> FieldChecks::checkProxyUrl(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() || (parsed.scheme() != u"http" && parsed.scheme() != u"socks5"))
        return tr("must be http://HOST:PORT or socks5://HOST:PORT, got %1").arg(quoted(url));
    return std::nullopt;
}

} // namespace forgelink
