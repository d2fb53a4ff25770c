#include "config/agentconfigreader.h"

#include "config/answersvalidator.h"
#include "config/yamlsection.h"
#include "config/yamlsupport.h"
#include "forward/standardwebhooks.h"
#include "providers/providerregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace forgelink {

namespace {

// A base URL as the clients join paths to it: https://git.example.com/ is https://git.example.com.
QString withoutTrailingSlash(const QString &url)
{
    return url.endsWith(QLatin1Char('/')) ? url.chopped(1) : url;
}

bool sectionEnabled(YamlSection &section)
{
    return section.boolean("enabled", true).value_or(true); // a known key, even where it is absent
}

void readListen(YamlSection &root, AgentConfig &config)
{
    const auto listen = root.text("listen");
    if (!listen)
        return;
    const qsizetype colon = listen->lastIndexOf(QLatin1Char(':'));
    QString host = colon >= 0 ? listen->left(colon) : QString();
    bool portOk = false;
    const uint port = colon >= 0 ? listen->mid(colon + 1).toUInt(&portOk) : 0;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address = host.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(host);
    if (!portOk || port > 65535 || (address.isNull() && host != u"localhost")) {
        root.error("listen", QStringLiteral("must be ADDRESS:PORT such as 127.0.0.1:8080 or [::]:8080, got \"%1\"")
                                     .arg(*listen));
        return;
    }
    config.listenAddress = host == u"localhost" ? QHostAddress(QHostAddress::LocalHost) : address;
    config.listenPort = quint16(port);
}

void readDatabase(YamlSection &root, AgentConfig &config, const QString &baseDirectory)
{
    const QString url = root.text("database").value_or(QStringLiteral("sqlite://forgelink.db"));
    DatabaseSettings &database = config.database;
    if (url.startsWith(QLatin1String("sqlite://"))) {
        const QString path = url.mid(9);
        if (path.isEmpty()) {
            root.error("database", QStringLiteral("sqlite:// needs a path, e.g. sqlite:///var/lib/forgelink/forgelink.db"));
            return;
        }
        database.driver = QStringLiteral("QSQLITE");
        // Under systemd's StateDirectory= a relative path lives in the state folder
        // (/var/lib/forgelink), not beside the config in a read-only /etc; elsewhere beside the config.
        const QString stateDirectory = qEnvironmentVariable("STATE_DIRECTORY").section(QLatin1Char(':'), 0, 0);
        database.sqlitePath = QDir(stateDirectory.isEmpty() ? baseDirectory : stateDirectory).absoluteFilePath(path);
        return;
    }
    const QUrl parsed(url, QUrl::StrictMode);
    if ((parsed.scheme() != u"postgresql" && parsed.scheme() != u"postgres") || parsed.host().isEmpty()
        || parsed.path().size() < 2) {
        root.error("database", QStringLiteral("must be sqlite://PATH or postgresql://USER@HOST:PORT/DATABASE, got \"%1\"")
                                       .arg(parsed.toDisplayString(QUrl::RemovePassword)));
        return;
    }
    if (!parsed.password().isEmpty()) {
        root.error("database", QStringLiteral("must not hold the password; give it in databasePassword (env:, file:, keychain:)"));
        return;
    }
    database.driver = QStringLiteral("QPSQL");
    database.host = parsed.host();
    database.port = parsed.port(5432);
    database.user = parsed.userName();
    database.name = parsed.path().mid(1);
    database.options = parsed.query().replace(QLatin1Char('&'), QLatin1Char(';'));
    if (root.has("databasePassword"))
        database.password = root.secret("databasePassword", false).value_or(QByteArray());
}

void readLimits(YamlSection &root, AgentConfig &config)
{
    YamlSection limits = root.child("limits");
    if (!limits.isMap())
        return;
    HttpLimits &target = config.limits;
    if (const auto v = limits.number("maxHeaderBytes", 1024, 1024 * 1024)) target.maxHeaderBytes = *v;
    if (const auto v = limits.number("maxBodyBytes", 1024, qint64(1) << 30)) target.maxBodyBytes = *v;
    if (const auto v = limits.number("headerTimeoutSeconds", 1, 3600)) target.headerTimeoutMs = int(*v * 1000);
    if (const auto v = limits.number("idleTimeoutSeconds", 1, 86400)) target.idleTimeoutMs = int(*v * 1000);
    if (const auto v = limits.number("requestTimeoutSeconds", 1, 86400)) target.requestTimeoutMs = int(*v * 1000);
    if (const auto v = limits.number("maxConnections", 1, 100'000)) target.maxConnections = int(*v);
    if (const auto v = limits.number("maxPendingBodyBytes", 1024 * 1024, qint64(1) << 40)) target.maxPendingBodyBytes = *v;
    limits.reportUnknownKeys();
}

// One declared field of a provider's section into its settings.
void readField(YamlSection &section, const AgentField &field, ProviderSettings &settings)
{
    using Kind = AgentField::Kind;
    const QByteArray key = field.key.toLatin1();
    // A Url without a check of its own is checked as a service URL.
    const std::function<std::optional<QString>(const QString &)> check =
            field.check || field.kind != Kind::Url ? field.check : &AnswersValidator::checkServiceUrl;
    auto checked = [&](const QString &value) {
        if (check) {
            if (const auto problem = check(value))
                section.error(key.constData(), *problem);
        }
    };
    switch (field.kind) {
    case Kind::Text:
    case Kind::Url:
        if (const auto value = section.text(key.constData(), field.required)) {
            checked(*value);
            settings.set(field.key, field.kind == Kind::Url ? withoutTrailingSlash(*value) : *value);
        }
        break;
    case Kind::Number:
        if (const auto value = section.decimal(key.constData(), field.minimum, field.maximum))
            settings.set(field.key, *value);
        break;
    case Kind::Boolean:
        if (const auto value = section.boolean(key.constData(), field.defaultValue.toBool()))
            settings.set(field.key, *value);
        break;
    case Kind::Secret:
        if (const auto value = section.secret(key.constData(), field.required)) {
            checked(QString::fromUtf8(*value));
            settings.set(field.key, *value);
        }
        break;
    case Kind::SecretList:
        settings.set(field.key, QVariant::fromValue(section.secretList(key.constData())));
        break;
    }
    if (!settings.has(field.key) && field.defaultValue.isValid())
        settings.set(field.key, field.defaultValue);
}

// Each provider's section, read from the fields it declares; `enabled: false` keeps it out.
void readProviders(YamlSection &root, AgentConfig &config)
{
    YamlSection providers = root.child("providers");
    if (!providers.isMap()) {
        root.error("providers", QStringLiteral("is required: a section per provider (%1)").arg(ProviderRegistry::sections().join(u", ")));
        return;
    }
    for (const GitProvider *provider : ProviderRegistry::all()) {
        const QByteArray name = provider->section().toLatin1();
        if (!providers.has(name.constData()))
            continue;
        YamlSection section = providers.child(name.constData());
        ProviderSettings settings;
        const AgentFields fields = provider->agentFields();
        for (const AgentField &field : fields)
            readField(section, field, settings);
        for (const AgentField &field : fields) {
            if (!settings.has(field.key) && field.fallback) {
                if (const QVariant value = field.fallback(settings); value.isValid())
                    settings.set(field.key, value);
            }
        }
        if (sectionEnabled(section))
            config.providers.insert(provider->kind(), settings);
        section.reportUnknownKeys();
    }
    providers.reportUnknownKeys();
}

// A header `format: original` sends as the provider sent it (signatures, tokens, delivery ids).
bool isForwardedAsReceived(const QString &name)
{
    const QByteArray header = name.toLatin1();
    if (header.compare("X-Forgelink-Delivery", Qt::CaseInsensitive) == 0)
        return true;
    for (const GitProvider *provider : ProviderRegistry::all()) {
        if (provider->keepsHeader(header))
            return true;
        for (const QByteArray &credential : provider->credentialHeaders()) {
            if (credential.compare(header, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}


void readForward(YamlSection &root, AgentConfig &config)
{
    const YAML::Node list = root.node("forward");
    if (!list.IsDefined() || list.IsNull())
        return;
    if (!list.IsSequence()) {
        root.error("forward", QStringLiteral("must be a list of targets, each with a name and a url"));
        return;
    }
    static const QRegularExpression namePattern(QStringLiteral("^[a-z0-9-]+$"));
    QStringList names;
    int index = 0;
    for (const auto &item : list) {
        YamlSection s(item, QStringLiteral("forward[%1]").arg(index++), root.errors(), root.secrets());
        if (!s.isMap()) {
            root.error("forward", QStringLiteral("each target must be a mapping with a name and a url"));
            continue;
        }
        ForwardTarget target;
        if (const auto name = s.text("name", true)) {
            if (!namePattern.match(*name).hasMatch())
                s.error("name", QStringLiteral("must be lower-case letters, digits and '-', got \"%1\"").arg(*name));
            else if (names.contains(*name))
                s.error("name", QStringLiteral("\"%1\" names another target already").arg(*name));
            names << *name;
            target.name = *name;
        }
        if (const auto url = s.text("url", true)) {
            const QUrl parsed(*url, QUrl::StrictMode);
            if (!parsed.isValid() || parsed.host().isEmpty() || (parsed.scheme() != u"http" && parsed.scheme() != u"https"))
                s.error("url", QStringLiteral("must be an http:// or https:// URL, got \"%1\"").arg(*url));
            target.url = QUrl(withoutTrailingSlash(*url));
        }
        if (const auto format = s.text("format")) {
            if (*format == u"event")
                target.format = ForwardTarget::Format::Event;
            else if (*format != u"original")
                s.error("format", QStringLiteral("must be original or event, got \"%1\"").arg(*format));
        }
        for (const QString &id : s.textList("providers")) {
            if (const auto provider = providerFromId(id))
                target.providers << *provider;
            else
                s.error("providers", QStringLiteral("\"%1\" is not a provider; known: %2").arg(id, ProviderRegistry::ids().join(u", ")));
        }
        target.events = s.textList("events");
        target.repositories = s.textList("repositories");
        target.refs = s.textList("refs");
        if (s.has("signingSecret")) {
            target.signingSecret = s.secret("signingSecret", true).value_or(QByteArray());
            if (const auto problem = StandardWebhooks::secretProblem(target.signingSecret); problem && !target.signingSecret.isEmpty())
                s.error("signingSecret", *problem);
        } else if (target.format == ForwardTarget::Format::Event) {
            s.error("signingSecret", QStringLiteral("is required for format: event (whsec_<base64 of 24 to 64 random bytes>)"));
        }
        {
            YamlSection headers = s.child("headers");
            if (headers.isMap()) {
                for (const auto &entry : headers.yaml()) {
                    const QString name = yamlScalar(entry.first);
                    // The provider's own credentials and identity go out as received: a header of
                    // the target's must not replace them (Pipekit would refuse every delivery).
                    if (target.format == ForwardTarget::Format::Original && isForwardedAsReceived(name)) {
                        headers.error(qPrintable(name), QStringLiteral("is sent as the provider sent it in format original; "
                                                                       "a target header must not replace it"));
                        continue;
                    }
                    const Result<QByteArray> value = s.secrets()->resolve(entry.second.IsScalar() ? yamlScalar(entry.second) : QString());
                    if (!value)
                        root.errors() << FieldError{ headers.field(qPrintable(name)), value.error() };
                    else
                        target.headers.append({ name.toLatin1(), value.value() });
                }
            } else if (s.has("headers")) {
                s.error("headers", QStringLiteral("must be a mapping of header names to values"));
            }
        }
        if (const auto v = s.number("timeoutSeconds", 1, 300)) target.timeoutMs = int(*v * 1000);
        if (const auto v = s.decimal("maxAgeHours", 0.001, 24.0 * 365)) target.maxAgeMs = qint64(*v * 3600 * 1000);
        if (const auto v = s.number("parallel", 1, 256)) target.parallel = int(*v);
        if (const auto v = s.decimal("maxPerSecond", 0.01, 100'000)) target.maxPerSecond = *v;
        if (const auto v = s.number("circuitBreakAfter", 0, 1'000'000)) target.circuitBreakAfter = int(*v);
        s.reportUnknownKeys();
        config.forward << target;
    }
}

// 30d, 12h, 90m, 3600s.
std::optional<qint64> durationMs(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^([0-9]+)([dhms])$"));
    const QRegularExpressionMatch match = shape.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 count = match.captured(1).toLongLong();
    const QChar unit = match.captured(2).at(0);
    const qint64 unitMs = unit == u'd' ? 86'400'000 : unit == u'h' ? 3'600'000 : unit == u'm' ? 60'000 : 1000;
    return count * unitMs;
}

void readRetention(YamlSection &root, AgentConfig &config)
{
    YamlSection retention = root.child("retention");
    if (!retention.isMap())
        return;
    if (const auto text = retention.text("deliveries")) {
        const auto ms = durationMs(*text);
        if (!ms || *ms < 3'600'000)
            retention.error("deliveries", QStringLiteral("must be a duration of at least an hour such as 30d or 72h, got \"%1\"").arg(*text));
        else
            config.retention.deliveriesMs = *ms;
    }
    retention.reportUnknownKeys();
}

} // namespace

AgentConfigReader::Reading AgentConfigReader::readFile(const QString &path,
                                                       const SecretResolver::KeychainLookup &keychain)
{
    Result<QByteArray> text = readConfigFile(path);
    if (!text) {
        Reading outcome;
        outcome.errors << FieldError{ path, text.error() };
        return outcome;
    }
    Reading outcome = readText(text.value(), QFileInfo(path).absolutePath(), keychain);
    outcome.config.path = QFileInfo(path).absoluteFilePath();
    return outcome;
}

AgentConfigReader::Reading AgentConfigReader::readText(const QByteArray &text, const QString &baseDirectory,
                                                       const SecretResolver::KeychainLookup &keychain)
{
    Reading outcome;
    const Result<YAML::Node> document = loadYamlText(text, QStringLiteral("agent config"));
    if (!document) {
        outcome.errors << FieldError{ QStringLiteral("config"), document.error() };
        return outcome;
    }
    if (!document->IsMap()) {
        outcome.errors << FieldError{ QStringLiteral("config"), QStringLiteral("must be a mapping of settings") };
        return outcome;
    }
    const SecretResolver secrets(baseDirectory, keychain);
    YamlSection root(*document, QString(), outcome.errors, &secrets);
    AgentConfig &config = outcome.config;

    readListen(root, config);
    if (const auto url = root.text("publicUrl")) {
        if (const auto problem = AnswersValidator::checkServiceUrl(*url))
            root.error("publicUrl", *problem);
        config.publicUrl = QUrl(withoutTrailingSlash(*url));
    }
    readDatabase(root, config, baseDirectory);
    {
        YamlSection sync = root.child("sync");
        if (const auto at = sync.text("dailyAt")) {
            const QTime time = QTime::fromString(*at, QStringLiteral("HH:mm"));
            if (!time.isValid())
                sync.error("dailyAt", QStringLiteral("must be a time HH:MM such as \"02:00\", got \"%1\"").arg(*at));
            else
                config.syncDailyAt = time;
        }
        if (const auto daily = sync.boolean("daily", true))
            config.syncDaily = *daily;
        sync.reportUnknownKeys();
    }
    readLimits(root, config);
    {
        YamlSection network = root.child("network");
        if (network.isMap()) {
            if (const auto file = network.text("caBundle"))
                config.network.caBundleFile = QDir(baseDirectory).absoluteFilePath(*file);
            if (const auto proxy = network.text("proxy")) {
                const QUrl url(*proxy, QUrl::StrictMode);
                if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http" && url.scheme() != u"socks5"))
                    network.error("proxy", QStringLiteral("must be http://HOST:PORT or socks5://HOST:PORT, got \"%1\"").arg(*proxy));
                config.network.proxyUrl = *proxy;
            }
            if (const auto v = network.number("timeoutSeconds", 1, 600)) config.network.timeoutMs = int(*v * 1000);
            if (const auto v = network.number("maxRateLimitWaitSeconds", 0, 86400)) config.network.maxRateLimitWaitMs = int(*v * 1000);
            if (const auto v = network.number("maxAttempts", 1, 20)) config.network.maxAttempts = int(*v);
            if (const auto v = network.number("retryBaseMilliseconds", 1, 60'000)) config.network.retryBaseMs = int(*v);
            if (const auto v = network.number("maxResponseMegabytes", 1, 1024)) config.network.maxResponseBytes = qint64(*v * 1024 * 1024);
            network.reportUnknownKeys();
        }
    }
    {
        YamlSection tls = root.child("tls");
        if (tls.isMap()) {
            config.tlsCertificateFile = tls.text("certificate", true).value_or(QString());
            config.tlsPrivateKeyFile = tls.text("privateKey", true).value_or(QString());
            for (QString *file : { &config.tlsCertificateFile, &config.tlsPrivateKeyFile }) {
                if (!file->isEmpty())
                    *file = QDir(baseDirectory).absoluteFilePath(*file);
            }
            tls.reportUnknownKeys();
        }
    }
    {
        const YAML::Node autoAttach = root.node("autoAttach");
        if (autoAttach.IsDefined() && !autoAttach.IsNull()) {
            if (autoAttach.IsSequence()) {
                config.autoAttach = true;
                for (const auto &pattern : autoAttach)
                    config.autoAttachPatterns << yamlScalar(pattern);
            } else if (autoAttach.IsScalar() && (yamlScalar(autoAttach) == u"true" || yamlScalar(autoAttach) == u"false")) {
                config.autoAttach = yamlScalar(autoAttach) == u"true";
            } else {
                root.error("autoAttach", QStringLiteral("must be true, false, or a list of patterns such as [\"acme/*\", \"PRJ/*\"]"));
            }
        }
    }
    if (const auto v = root.number("secretRefreshSeconds", 1, 3600))
        config.secretRefreshMs = int(*v * 1000);
    readProviders(root, config);
    readForward(root, config);
    readRetention(root, config);
    root.node("databasePassword");
    root.reportUnknownKeys();
    return outcome;
}

} // namespace forgelink
