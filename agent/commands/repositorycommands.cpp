#include "commands/repositorycommands.h"

#include "commandline.h"
#include "store/store.h"
#include "sync/repositorysync.h"
#include "texttable.h"

#include <QJsonDocument>

namespace forgelink {

int RepositoryCommands::sync(CommandLine &line)
{
    if (!line.takesNoArguments())
        return CommandLine::kUsage;
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    const AgentConfig &config = opened.config;
    Store &store = *opened.store;
    RepositorySync run(config, store, Store::thisProcess());
    Result<QList<RepositorySync::ProviderRun>> outcomes = run.run(line.onlyProvider());
    if (!outcomes) {
        CommandLine::err() << "forgelink-agent: sync did not run: " << outcomes.error() << '\n';
        return CommandLine::kFailure;
    }
    bool allSucceeded = true;
    for (const RepositorySync::ProviderRun &outcome : outcomes.value()) {
        const QString id = providerId(outcome.provider);
        if (outcome.succeeded) {
            CommandLine::out() << id << ": " << outcome.counts.added << " added, " << outcome.counts.updated << " updated, "
                               << outcome.counts.removed << " removed, " << outcome.counts.unchanged << " unchanged; " << outcome.apiCalls
                               << " API calls (" << outcome.notModified << " not modified) in " << outcome.elapsedMs << " ms\n";
        } else {
            allSucceeded = false;
            CommandLine::err() << "forgelink-agent: " << id << " sync failed, cache unchanged: " << outcome.error << '\n';
        }
    }
    return allSucceeded ? CommandLine::kOk : CommandLine::kFailure;
}

int RepositoryCommands::repos(CommandLine &line)
{
    if (!line.takesNoArguments())
        return CommandLine::kUsage;
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    Store &store = *opened.store;
    Result<QList<Repository>> list = store.repositories().list(line.onlyProvider());
    if (!list)
        return CommandLine::failure(list.error());
    TextTable table({ QStringLiteral("PROVIDER"), QStringLiteral("REPOSITORY"), QStringLiteral("DEFAULT BRANCH"), QStringLiteral("VISIBILITY") });
    for (const Repository &repository : list.value()) {
        if (line.json())
            CommandLine::out() << QJsonDocument(repository.toJson()).toJson(QJsonDocument::Compact) << '\n';
        else
            table.addRow({ providerId(repository.provider), repository.fullPath, repository.defaultBranch, repository.visibility });
    }
    if (list->isEmpty())
        explainEmptyCache(store, line.onlyProvider());
    else if (!line.json())
        table.print(CommandLine::out());
    return CommandLine::kOk;
}

void RepositoryCommands::explainEmptyCache(Store &store, std::optional<Provider> provider)
{
    Result<QList<Store::SyncRun>> runs = store.syncRuns().latest();
    QString last;
    if (runs) {
        for (const Store::SyncRun &run : runs.value()) {
            if (provider && run.provider != *provider)
                continue;
            last += QStringLiteral("\n  %1: last sync %2 at %3%4")
                            .arg(providerId(run.provider), run.outcome, run.startedAt.toString(Qt::ISODate),
                                 run.error.isEmpty() ? QString() : QStringLiteral(": ") + run.error);
        }
    }
    CommandLine::err() << "forgelink-agent: no repository is cached" << (provider ? " for " + providerId(*provider) : QString())
                       << (last.isEmpty() ? QStringLiteral(": no sync has run yet") : QStringLiteral(":") + last) << '\n'
                       << "  run one with `forgelink-agent sync --config FILE`; `serve` syncs an empty cache when it starts\n";
}

} // namespace forgelink
