#include "commands/servicecommands.h"

#include "agentservice.h"
#include "commandline.h"
#include "forward/forwardrouter.h"
#include "signalwatcher.h"
#include "statusreport.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace forgelink {

int ServiceCommands::serve(CommandLine &line)
{
    if (!line.takesNoArguments(QStringLiteral("--config")))
        return CommandLine::kUsage;
    const std::optional<AgentConfig> config = line.loadConfig();
    if (!config)
        return CommandLine::kUsage;
    AgentService service(*config);
    if (Result<void> started = service.start(); !started) {
        CommandLine::err() << "forgelink-agent: " << started.error() << '\n';
        return CommandLine::kFailure;
    }
    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::terminate, &service, [&service](int) { service.stop(); });
    QObject::connect(&signals, &SignalWatcher::hangup, &service, [&service] { service.syncNow(); });
    QObject::connect(&service, &AgentService::stopped, qApp, [] { QCoreApplication::exit(CommandLine::kOk); });
    return QCoreApplication::exec();
}

int ServiceCommands::status(CommandLine &line)
{
    if (!line.takesNoArguments())
        return CommandLine::kUsage;
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    const AgentConfig &config = opened.config;
    Store &store = *opened.store;
    Result<StatusReport> report = StatusReport::collect(config, store);
    if (!report)
        return CommandLine::failure(report.error());
    if (line.json())
        CommandLine::out() << QJsonDocument(report->toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        report->print(CommandLine::out());
    return report->attention().isEmpty() ? CommandLine::kOk : CommandLine::kFailure;
}

int ServiceCommands::check(CommandLine &line)
{
    const std::optional<AgentConfig> config = line.loadConfig();
    if (!config)
        return CommandLine::kUsage;
    QStringList providers;
    for (Provider enabled : config->enabledProviders())
        providers << providerId(enabled);
    QStringList targets;
    for (const ForwardTarget &forward : config->forward)
        targets << forward.name;
    CommandLine::out() << line.value(QStringLiteral("config")) << ": fine; every secret it names was read\n"
                       << "  listen " << config->listenAddress.toString() << ':' << config->listenPort << ", store "
                       << config->database.displayName() << '\n'
                       << "  providers: " << providers.join(u", ") << '\n'
                       << "  forward: " << (targets.isEmpty() ? QStringLiteral("(none)") : targets.join(u", ")) << '\n';
    if (targets.isEmpty()) {
        CommandLine::err() << "forgelink-agent: " << ForwardRouter::noTargetProblem() << '\n';
        return CommandLine::kFailure;
    }
    return CommandLine::kOk;
}

} // namespace forgelink
