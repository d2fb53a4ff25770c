#include "config/answersvalidator.h"

#include "crypto/privatekey.h"
#include "providers/providerregistry.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace forgelink {

namespace {

void check(FieldErrors &errors, const QString &field, const std::optional<QString> &problem)
{
    if (problem)
        errors << FieldError{ field, *problem };
}

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

FieldErrors AnswersValidator::validate(const AnswersReader::Reading &read)
{
    FieldErrors errors = read.errors;
    if (!read.parsed)
        return errors;
    auto named = [&read](const QString &field) {
        return std::any_of(read.errors.begin(), read.errors.end(), [&field](const FieldError &error) {
            return field == error.field || field.startsWith(error.field + QLatin1Char('.'));
        });
    };
    for (const FieldError &error : validate(read.answers)) {
        if (!named(error.field))
            errors << error;
    }
    return errors;
}

FieldErrors AnswersValidator::validate(const Answers &answers)
{
    FieldErrors errors;
    check(errors, QStringLiteral("domain"), checkHostName(answers.domain));
    if (!answers.anyProviderEnabled())
        errors << FieldError{ QStringLiteral("providers"),
                              tr("enable at least one of %1").arg(ProviderRegistry::sections().join(u", ")) };

    if (!answers.caBundleFile.isEmpty())
        check(errors, QStringLiteral("network.caBundle"), checkCaBundle(answers.caBundleFile));
    if (!answers.proxyUrl.isEmpty())
        check(errors, QStringLiteral("network.proxy"), checkProxyUrl(answers.proxyUrl));
    check(errors, QStringLiteral("eventsHandler"), checkEventsHandlerUrl(answers.eventsHandlerUrl));
    if (const auto &deploy = answers.deploy) {
        // An Ingress or proxy that takes the webhook paths without a target to forward to would
        // cut Pipekit off from every webhook.
        if (deploy->takesWebhookPaths() && answers.eventsHandlerUrl.isEmpty())
            errors << FieldError{ QStringLiteral("eventsHandler"),
                                  tr("is required with deploy.target %1: the agent takes Pipekit's webhook paths and must forward every "
                                     "delivery to Pipekit's events handler, or Pipekit sees none")
                                          .arg(deploy->target) };
        validateDeploy(*deploy, errors);
    }
    for (auto it = answers.providers.constBegin(); it != answers.providers.constEnd(); ++it) {
        const GitProvider &provider = ProviderRegistry::get(it.key());
        for (const ProviderField &field : provider.answerFields()) {
            if (field.check)
                check(errors, provider.section() + QLatin1Char('.') + field.key, field.check(it->value(field.key), *it));
        }
    }
    return errors;
}

std::optional<QString> AnswersValidator::checkHostName(const QString &host)
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

bool AnswersValidator::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<QString> AnswersValidator::checkServiceUrl(const QString &url)
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

std::optional<QString> AnswersValidator::checkAzureApiVersion(const QString &version)
{
    static const QRegularExpression shape(QStringLiteral("^[0-9]{1,2}\\.[0-9]$"));
    if (!shape.match(version).hasMatch())
        return tr("must be a REST API version such as 7.1 (Azure DevOps Services), 7.0 (Server 2022), 6.0 (Server "
                              "2020) or 5.0 (Server 2019), got %1")
                .arg(quoted(version));
    return std::nullopt;
}

std::optional<QString> AnswersValidator::checkAzureOrganizationUrl(const QString &url)
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

std::optional<QString> AnswersValidator::checkGitHubAppId(const QString &appId)
{
    if (appId.isEmpty())
        return tr("is required: the App ID shown on the GitHub App's settings page");
    static const QRegularExpression digits(QStringLiteral("^[1-9][0-9]{0,11}$"));
    if (!digits.match(appId).hasMatch())
        return tr("must be a number, got %1").arg(quoted(appId));
    return std::nullopt;
}

std::optional<QString> AnswersValidator::checkGitHubClientId(const QString &clientId)
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

std::optional<QString> AnswersValidator::checkGitHubOrganization(const QString &organization)
{
    static const QRegularExpression login(QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"));
    if (!login.match(organization).hasMatch())
        return tr("must be a GitHub organization name (letters, digits, single hyphens), got %1")
                .arg(quoted(organization));
    return std::nullopt;
}

std::optional<QString> AnswersValidator::checkGitHubAppName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("is required: the GitHub App's name");
    if (name.size() > 34)
        return tr("is longer than GitHub's 34 characters");
    return std::nullopt;
}

std::optional<QString> AnswersValidator::checkRequiredSecret(const QString &value)
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

std::optional<QString> AnswersValidator::checkOptionalSecret(const QString &value)
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

void AnswersValidator::validateDeploy(const DeployAnswers &deploy, FieldErrors &errors)
{
    static const QStringList targets{ QStringLiteral("kubernetes"), QStringLiteral("vm"), QStringLiteral("container") };
    if (!targets.contains(deploy.target)) {
        errors << FieldError{ QStringLiteral("deploy.target"), tr("must be kubernetes, vm or container, got \"%1\"").arg(deploy.target) };
        return;
    }
    static const QRegularExpression dnsLabel(QStringLiteral("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"));
    if (deploy.isKubernetes()) {
        if (!dnsLabel.match(deploy.ns).hasMatch())
            errors << FieldError{ QStringLiteral("deploy.namespace"), tr("must be a Kubernetes namespace (lower-case letters, digits and '-'), got \"%1\"").arg(deploy.ns) };
        if (!deploy.ingressClassName.isEmpty() && !dnsLabel.match(deploy.ingressClassName).hasMatch())
            errors << FieldError{ QStringLiteral("deploy.ingressClassName"), tr("must be an IngressClass name, got \"%1\"").arg(deploy.ingressClassName) };
        static const QRegularExpression secretName(QStringLiteral("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$"));
        if (!deploy.tlsSecretName.isEmpty() && !secretName.match(deploy.tlsSecretName).hasMatch())
            errors << FieldError{ QStringLiteral("deploy.tlsSecretName"), tr("must be a Secret's name, got \"%1\"").arg(deploy.tlsSecretName) };
    }
    if (deploy.isKubernetes() || deploy.isContainer()) {
        // REGISTRY/PATH:TAG or @sha256:...; a tag that moves (latest) makes every start pull and
        // run whatever the registry has now.
        static const QRegularExpression image(QStringLiteral("^[a-z0-9]+([._/:-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$"));
        if (deploy.image.isEmpty())
            errors << FieldError{ QStringLiteral("deploy.image"), tr("is required: the agent's image with its tag, e.g. registry.example.com/forgelink-agent:%1 "
                                                                     "(scripts/build-image.sh builds it)").arg(QStringLiteral(FORGELINK_VERSION)) };
        else if (deploy.image.endsWith(QLatin1String(":latest")))
            errors << FieldError{ QStringLiteral("deploy.image"), tr("must name a fixed tag, not :latest (Kubernetes would pull it at every start)") };
        else if (!image.match(deploy.image).hasMatch())
            errors << FieldError{ QStringLiteral("deploy.image"), tr("must be REGISTRY/NAME:TAG or NAME@sha256:DIGEST, got \"%1\"").arg(deploy.image) };
    }
    if (deploy.store == u"sqlite") {
        for (const auto &[field, value] : { std::pair{ "deploy.databaseUrl", deploy.databaseUrl },
                                            std::pair{ "deploy.databasePassword", deploy.databasePassword } }) {
            if (!value.isEmpty())
                errors << FieldError{ QLatin1String(field), tr("goes with store: postgresql only") };
        }
    } else if (deploy.store == u"postgresql") {
        static const QRegularExpression url(QStringLiteral("^postgresql://[^:@/]+@[^/:]+(:[0-9]+)?/[^/?]+(\\?.*)?$"));
        if (!url.match(deploy.databaseUrl).hasMatch())
            errors << FieldError{ QStringLiteral("deploy.databaseUrl"), tr("must be postgresql://USER@HOST:PORT/DATABASE (the password goes in databasePassword), got \"%1\"").arg(deploy.databaseUrl) };
        check(errors, QStringLiteral("deploy.databasePassword"), checkRequiredSecret(deploy.databasePassword));
        bool ok = false;
        const int replicas = deploy.replicas.toInt(&ok);
        if (deploy.isKubernetes() && (!ok || replicas < 2 || replicas > 20))
            errors << FieldError{ QStringLiteral("deploy.replicas"), tr("must be a number from 2 to 20, got \"%1\"").arg(deploy.replicas) };
    } else {
        errors << FieldError{ QStringLiteral("deploy.store"), tr("must be sqlite or postgresql, got \"%1\"").arg(deploy.store) };
    }
}

bool AnswersValidator::isPlaceholder(const QString &value)
{
    // The example answers' way of marking what the admin must fill in.
    return value.startsWith(QLatin1String("replace-with"), Qt::CaseInsensitive);
}

QString AnswersValidator::placeholderProblem()
{
    return tr("is still the example's placeholder: give the real value, or env:NAME or file:PATH");
}

std::optional<QString> AnswersValidator::checkBasicAuthUser(const QString &user)
{
    if (user.isEmpty())
        return tr("is required");
    if (user.contains(QLatin1Char(':')))
        return tr("must not contain a colon (HTTP Basic auth separates user and password with one)");
    if (hasWhitespaceOrControl(user))
        return tr("must not contain spaces");
    return std::nullopt;
}

std::optional<QString> AnswersValidator::checkPrivateKeyFile(const QString &path)
{
    if (path.isEmpty())
        return tr("is required: the private key (.pem) generated on the GitHub App's settings page");
    const auto key = PrivateKey::fromFile(path);
    if (!key)
        return key.error();
    return std::nullopt;
}

std::optional<QString> AnswersValidator::checkCaBundle(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("cannot read %1: %2").arg(path, file.errorString());
    if (QSslCertificate::fromData(file.readAll(), QSsl::Pem).isEmpty())
        return tr("%1 holds no PEM certificate").arg(path);
    return std::nullopt;
}

std::optional<QString> AnswersValidator::checkEventsHandlerUrl(const QString &url)
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

std::optional<QString> AnswersValidator::checkProxyUrl(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() || (parsed.scheme() != u"http" && parsed.scheme() != u"socks5"))
        return tr("must be http://HOST:PORT or socks5://HOST:PORT, got %1").arg(quoted(url));
    return std::nullopt;
}

} // namespace forgelink
