#include "commandline.h"

#include "config/agentconfigreader.h"
#include "keychainlookup.h"
#include "store/store.h"

namespace forgelink {

QList<QCommandLineOption> CommandLine::options()
{
    return {
        { QStringLiteral("config"), QStringLiteral("The agent's config file."), QStringLiteral("file") },
        { QStringLiteral("provider"), QStringLiteral("Only this provider."), QStringLiteral("provider") },
        { QStringLiteral("limit"), QStringLiteral("At most this many (default 50)."), QStringLiteral("n"), QStringLiteral("50") },
        { QStringLiteral("json"), QStringLiteral("One JSON object per line.") },
        { QStringLiteral("out"), QStringLiteral("rotate-secret: where to write the new secret."), QStringLiteral("file") },
        { QStringLiteral("grace"),
          QStringLiteral("rotate-secret: seconds to wait for every agent to accept the new secret (default: twice secretRefreshSeconds)."),
          QStringLiteral("seconds") },
        { QStringLiteral("target"), QStringLiteral("outbox, redeliver: the forward target."), QStringLiteral("name") },
        { QStringLiteral("state"), QStringLiteral("outbox: pending, dead or delivered."), QStringLiteral("state") },
        { QStringLiteral("reason"), QStringLiteral("forward pause: why, shown by forward list and status."), QStringLiteral("text") },
        { QStringLiteral("delivery"), QStringLiteral("redeliver: one delivery, PROVIDER:ID."), QStringLiteral("provider:id") },
        { QStringLiteral("dead"), QStringLiteral("redeliver: every dead row of the target.") },
        { QStringLiteral("since"),
          QStringLiteral("redeliver: deliveries received since this time (RFC 3339); recover: how far back (24h, 90m, 2d)."),
          QStringLiteral("time") },
        { QStringLiteral("log-level"), QStringLiteral("debug, info (the default), warning or error."), QStringLiteral("level"),
          QStringLiteral("info") },
        { QStringLiteral("log-format"), QStringLiteral("text (the default; RFC 3339 times) or json (one object per line)."),
          QStringLiteral("format"), QStringLiteral("text") },
    };
}

CommandLine::CommandLine(const QCommandLineParser &parser, QString command, QStringList arguments, std::optional<Provider> onlyProvider)
    : m_parser(parser), m_command(std::move(command)), m_arguments(std::move(arguments)), m_onlyProvider(onlyProvider)
{
}

bool CommandLine::takesNoArguments(const QString &besides)
{
    if (m_arguments.isEmpty())
        return true;
    err() << "forgelink-agent: " << m_command << " takes no arguments besides " << besides << '\n';
    return false;
}

std::optional<int> CommandLine::limit()
{
    bool ok = false;
    const int count = value(QStringLiteral("limit")).toInt(&ok);
    if (ok && count >= 1)
        return count;
    err() << "forgelink-agent: --limit must be a positive number, got \"" << value(QStringLiteral("limit")) << "\"\n";
    return std::nullopt;
}

std::optional<AgentConfig> CommandLine::loadConfig()
{
    const QString path = value(QStringLiteral("config"));
    if (path.isEmpty()) {
        err() << "forgelink-agent: --config FILE is required\n";
        return std::nullopt;
    }
    AgentConfigReader::Reading read = AgentConfigReader::readFile(path, &KeychainLookup::read);
    if (!read.errors.isEmpty()) {
        err() << "forgelink-agent: " << path << " has " << read.errors.size() << (read.errors.size() == 1 ? " problem:\n" : " problems:\n");
        for (const FieldError &error : read.errors)
            err() << "  " << error.toString() << '\n';
        err().flush();
        return std::nullopt;
    }
    // The --provider asked for must be enabled: the same exit code (2) whatever the command.
    if (m_onlyProvider && !read.config.isEnabled(*m_onlyProvider)) {
        err() << "forgelink-agent: " << providerId(*m_onlyProvider) << " is not enabled in " << path << '\n';
        return std::nullopt;
    }
    return read.config;
}

std::unique_ptr<Store> CommandLine::openStore(const AgentConfig &config)
{
    Result<std::unique_ptr<Store>> store = Store::open(config.database, QStringLiteral("forgelink-cli"));
    if (!store) {
        err() << "forgelink-agent: " << store.error() << '\n';
        return nullptr;
    }
    return std::move(store.value());
}

int CommandLine::open(Opened &opened)
{
    std::optional<AgentConfig> config = loadConfig();
    if (!config)
        return kUsage;
    opened.config = std::move(*config);
    opened.store = openStore(opened.config);
    return opened.store ? kOk : kFailure;
}

int CommandLine::failure(const QString &message)
{
    err() << "forgelink-agent: " << message << '\n';
    return kFailure;
}

int CommandLine::usage(const QString &message)
{
    err() << "forgelink-agent: " << message << '\n';
    return kUsage;
}

QString CommandLine::knownTargets(const AgentConfig &config)
{
    QStringList names;
    for (const ForwardTarget &known : config.forward)
        names << known.name;
    return names.isEmpty() ? QStringLiteral("the config names no forward target") : QStringLiteral("known: ") + names.join(u", ");
}

std::optional<std::pair<Provider, QString>> CommandLine::deliveryKey(const QString &text)
{
    const std::optional<Provider> provider = providerFromId(text.section(QLatin1Char(':'), 0, 0));
    const QString id = text.section(QLatin1Char(':'), 1);
    if (!provider || id.isEmpty())
        return std::nullopt;
    return std::make_pair(*provider, id);
}

const ForwardTarget *CommandLine::findTarget(const AgentConfig &config, const QString &name)
{
    for (const ForwardTarget &target : config.forward) {
        if (target.name == name)
            return &target;
    }
    return nullptr;
}

int CommandLine::unknownTarget(const QString &name, const AgentConfig &config)
{
    return usage(QStringLiteral("unknown target %1; %2").arg(name, knownTargets(config)));
}

QTextStream &CommandLine::out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &CommandLine::err()
{
    static QTextStream stream(stderr);
    return stream;
}

} // namespace forgelink
