#include "config/answersvalidator.h"

#include "providers/providerregistry.h"

#include <QRegularExpression>

#include <algorithm>

namespace forgelink {

namespace {

void check(FieldErrors &errors, const QString &field, const std::optional<QString> &problem)
{
    if (problem)
        errors << FieldError{ field, *problem };
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

} // namespace forgelink
