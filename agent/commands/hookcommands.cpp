#include "commands/hookcommands.h"

#include "commandline.h"
#include "commands/repositorycommands.h"
#include "hooks/hooklifecycle.h"
#include "providers/providerregistry.h"
#include "hooks/secretrotation.h"
#include "log/counted.h"
#include "providers/providerregistry.h"
#include "store/store.h"
#include "texttable.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QThread>

namespace forgelink {

namespace {

// attach and detach: P REPO, P enabled in the config.
int changeHooks(CommandLine &line, bool attach)
{
    const std::optional<AgentConfig> config = line.loadConfig();
    if (!config)
        return CommandLine::kUsage;
    const QStringList &words = line.arguments();
    const std::optional<Provider> provider = providerFromId(words.value(0));
    if (words.size() != 2 || !provider) {
        CommandLine::err() << "forgelink-agent: " << line.command() << " needs a provider (" << ProviderRegistry::ids().join(u", ") << ") and a repository\n";
        return CommandLine::kUsage;
    }
    if (!config->isEnabled(*provider)) {
        CommandLine::err() << "forgelink-agent: " << providerId(*provider) << " is not enabled in the config\n";
        return CommandLine::kUsage;
    }
    std::unique_ptr<Store> store = line.openStore(*config);
    if (!store)
        return CommandLine::kFailure;
    HookLifecycle lifecycle(*config, *store, Store::thisProcess());
    Result<QStringList> done = attach ? lifecycle.attach(*provider, words.at(1)) : lifecycle.detach(*provider, words.at(1));
    if (!done) {
        CommandLine::err() << "forgelink-agent: " << line.command() << ' ' << words.at(1) << ": " << done.error() << '\n';
        return CommandLine::kFailure;
    }
    for (const QString &text : done.value())
        CommandLine::out() << text << '\n';
    return CommandLine::kOk;
}

} // namespace

int HookCommands::attach(CommandLine &line)
{
    return changeHooks(line, true);
}

int HookCommands::detach(CommandLine &line)
{
    return changeHooks(line, false);
}

int HookCommands::hooks(CommandLine &line)
{
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    Store &store = *opened.store;
    const std::optional<Provider> onlyProvider = line.onlyProvider();
    Result<QList<HookRecord>> records = store.hooks().list(onlyProvider);
    if (!records)
        return CommandLine::failure(records.error());
    TextTable table({ QStringLiteral("PROVIDER"), QStringLiteral("REPOSITORY"), QStringLiteral("KIND"), QStringLiteral("HOOK") });
    for (const HookRecord &record : records.value()) {
        if (line.json())
            CommandLine::out() << QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) << '\n';
        else
            table.addRow({ providerId(record.provider), record.fullPath, record.kind, record.hookId });
    }
    if (records->isEmpty()) {
        CommandLine::err() << "forgelink-agent: forgelink has created no webhook" << (onlyProvider ? " on " + providerId(*onlyProvider) : QString())
                           << " (attach P REPO, or autoAttach in the config)\n";
        if (Result<QList<Repository>> cached = store.repositories().list(onlyProvider); cached && cached->isEmpty())
            RepositoryCommands::explainEmptyCache(store, onlyProvider);
    } else if (!line.json()) {
        table.print(CommandLine::out());
    }
    return CommandLine::kOk;
}

int HookCommands::reconcile(CommandLine &line)
{
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    const AgentConfig &config = opened.config;
    Store &store = *opened.store;
    if (Result<QList<Repository>> cached = store.repositories().list(line.onlyProvider()); cached && cached->isEmpty())
        RepositoryCommands::explainEmptyCache(store, line.onlyProvider());
    HookLifecycle lifecycle(config, store, Store::thisProcess());
    const HookLifecycle::ReconcileReport report = lifecycle.reconcile(line.onlyProvider());
    for (const QString &text : report.lines)
        CommandLine::out() << text << '\n';
    if (report.failures > 0)
        CommandLine::err() << "forgelink-agent: " << counted(report.failures, QStringLiteral("hook change"), QStringLiteral("hook changes")) << " failed\n";
    return report.failures > 0 ? CommandLine::kFailure : CommandLine::kOk;
}

int HookCommands::rotateSecret(CommandLine &line)
{
    const std::optional<AgentConfig> config = line.loadConfig();
    if (!config)
        return CommandLine::kUsage;
    bool ok = true;
    const QString grace = line.value(QStringLiteral("grace"));
    const int graceSeconds = line.isSet(QStringLiteral("grace")) ? grace.toInt(&ok) : (2 * config->secretRefreshMs + 999) / 1000;
    if (!ok || graceSeconds < 0) {
        CommandLine::err() << "forgelink-agent: --grace must be a number of seconds\n";
        return CommandLine::kUsage;
    }
    const std::optional<Provider> provider = providerFromId(line.arguments().value(0));
    if (line.arguments().size() != 1 || !provider) {
        CommandLine::err() << "forgelink-agent: rotate-secret needs a provider: github, gitlab, bitbucket or azure-devops\n";
        return CommandLine::kUsage;
    }
    if (!config->isEnabled(*provider)) {
        CommandLine::err() << "forgelink-agent: " << providerId(*provider) << " is not enabled in the config\n";
        return CommandLine::kUsage;
    }
    const QString outFile = line.value(QStringLiteral("out"));
    if (outFile.isEmpty()) {
        CommandLine::err() << "forgelink-agent: rotate-secret needs --out FILE for the new secret (it is never printed)\n";
        return CommandLine::kUsage;
    }
    std::unique_ptr<Store> store = line.openStore(*config);
    if (!store)
        return CommandLine::kFailure;
    SecretRotation rotation(*config, *store, Store::thisProcess());
    Result<QByteArray> fresh = rotation.begin(*provider, outFile);
    if (!fresh)
        return CommandLine::failure(fresh.error());
    CommandLine::out() << "1. Every agent now accepts the new and the old secret; waiting " << graceSeconds << " s for them to read it.\n";
    CommandLine::out().flush();
    // Nothing else runs in this process meanwhile: the other agents read the database.
    QThread::sleep(graceSeconds);
    Result<QStringList> updated = rotation.finish(*provider, fresh.value());
    if (!updated)
        return CommandLine::failure(updated.error());
    CommandLine::out() << "2. The hooks have the new secret:\n";
    for (const QString &text : updated.value())
        CommandLine::out() << "   " << text << '\n';
    const GitProvider &git = ProviderRegistry::get(*provider);
    const QString file = QFileInfo(outFile).absoluteFilePath();
    CommandLine::out() << "3. The old secret is retired.\n"
                       << "The new secret is in " << file << ". Put it in agent.yaml (providers." << git.section() << '.' << git.webhookSecretKey()
                       << ", e.g. as file:" << file << ") and in Pipekit's Helm values; until then the\n"
                       << "database keeps it for every agent.\n";
    return CommandLine::kOk;
}

} // namespace forgelink
