#include "agentcli.h"
#include "log/counted.h"

#include "config/agentconfigreader.h"
#include "agentservice.h"
#include "keychainlookup.h"
#include "signalwatcher.h"
#include "hooks/hooklifecycle.h"
#include "sync/repositorysync.h"
#include "crypto/secretgenerator.h"
#include "config/securefilewriter.h"
#include "providers/providerregistry.h"
#include "store/store.h"
#include "forward/forwardrouter.h"
#include "log/logformat.h"
#include "statusreport.h"
#include "texttable.h"
#include "providers/github/githubrecovery.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>
#include <QTextStream>

#include <optional>

namespace forgelink {

namespace {

constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kUsage = 2;

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// Every command: its usage, what it does, and the options it takes (besides --log-level and
// --log-format). The general help lists them; `COMMAND --help` shows one.
struct CommandHelp {
    const char *name;
    const char *usage;
    const char *description;
    QStringList options;
};

const QList<CommandHelp> &commandList()
{
    static const QList<CommandHelp> commands{
        { "serve", "serve --config F", "receive webhooks, forward them, sync daily (the daemon); SIGHUP syncs now, SIGTERM stops",
          { "config" } },
        { "sync", "sync [--provider P] --config F", "list every reachable repository into the store once", { "provider", "config" } },
        { "repos", "repos [--provider P] [--json] --config F", "list the stored repositories", { "provider", "json", "config" } },
        { "attach", "attach P REPO --config F", "create REPO's webhooks (GitHub: check the App is installed)", { "config" } },
        { "detach", "detach P REPO --config F", "remove the webhooks forgelink created on REPO", { "config" } },
        { "hooks", "hooks [--provider P] [--json] --config F", "list the webhooks forgelink created", { "provider", "json", "config" } },
        { "reconcile", "reconcile [--provider P] --config F",
          "recreate, repair and re-enable hooks; remove them from repositories that left the sync", { "provider", "config" } },
        { "rotate-secret", "rotate-secret P --out FILE [--grace S] --config F",
          "new webhook secret for P, written to FILE (0600); every agent accepts old and new until all hooks have the new one",
          { "out", "grace", "config" } },
        { "events", "events [--provider P] [--limit N] [--json] --config F", "list recorded deliveries, newest first",
          { "provider", "limit", "json", "config" } },
        { "outbox", "outbox [--target T] [--state pending|dead|delivered] [--limit N] [--json] --config F",
          "list the deliveries on their way to forward targets", { "target", "state", "limit", "json", "config" } },
        { "redeliver", "redeliver --target T (--delivery PROVIDER:ID | --dead | --since RFC3339) --config F",
          "send deliveries to a target again (also past ones to a target added later)", { "target", "delivery", "dead", "since", "config" } },
        { "recover", "recover github [--since 24h] [--json] --config F",
          "ask GitHub to send again the deliveries that failed (back to the last check; serve does this every few minutes)",
          { "since", "json", "config" } },
        { "status", "status [--json] --config F",
          "each provider's last sync, hooks and deliveries, the outbox and the store; exit 1 when something needs attention",
          { "json", "config" } },
        { "check", "check --config F", "read the config and every secret it names; no database", { "config" } },
        { "help", "help [COMMAND]", "this help, or one command's", {} },
    };
    return commands;
}

// "known: a, b" or "the config names no forward target".
QString knownTargets(const AgentConfig &config)
{
    QStringList names;
    for (const ForwardTarget &known : config.forward)
        names << known.name;
    return names.isEmpty() ? QStringLiteral("the config names no forward target") : QStringLiteral("known: ") + names.join(u", ");
}

// "Commands:" and every command's usage with its description below it.
QString commandsText()
{
    QString text = QStringLiteral("Commands:\n");
    for (const CommandHelp &command : commandList())
        text += QStringLiteral("  %1\n      %2\n").arg(QLatin1String(command.usage), QLatin1String(command.description));
    text += QStringLiteral("\nProviders: github, gitlab, bitbucket, azure-devops.\n"
                           "Exit codes: 0 ok, 1 runtime failure (or, for status, something needs attention), 2 usage or config error.\n"
                           "`forgelink-agent COMMAND --help` shows a command's options.");
    return text;
}

std::optional<AgentConfig> loadConfig(const QString &path)
{
    if (path.isEmpty()) {
        err() << "forgelink-agent: --config FILE is required\n";
        return std::nullopt;
    }
    AgentConfigReader::Outcome outcome = AgentConfigReader::readFile(path, &KeychainLookup::read);
    if (!outcome.errors.isEmpty()) {
        err() << "forgelink-agent: " << path << " has " << outcome.errors.size()
              << (outcome.errors.size() == 1 ? " problem:\n" : " problems:\n");
        for (const FieldError &error : outcome.errors)
            err() << "  " << error.toString() << '\n';
        err().flush();
        return std::nullopt;
    }
    return outcome.config;
}

// The commands' own connection to the store; nullptr (with the reason on stderr) when it cannot open.
std::unique_ptr<Store> openStore(const AgentConfig &config)
{
    Result<std::unique_ptr<Store>> store = Store::open(config.database, QStringLiteral("forgelink-cli"));
    if (!store) {
        err() << "forgelink-agent: " << store.error() << '\n';
        return nullptr;
    }
    return std::move(store.value());
}

int serve(const AgentConfig &config)
{
    AgentService service(config);
    if (Result<void> started = service.start(); !started) {
        err() << "forgelink-agent: " << started.error() << '\n';
        return kFailure;
    }
    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::terminate, &service, [&service](int) { service.stop(); });
    QObject::connect(&signals, &SignalWatcher::hangup, &service, [&service] { service.syncNow(); });
    QObject::connect(&service, &AgentService::stopped, qApp, [] { QCoreApplication::exit(kOk); });
    return QCoreApplication::exec();
}

// An empty repository cache is a question: say whether a sync ever ran and how to run one.
void explainEmptyCache(Store &store, std::optional<Provider> provider)
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
    err() << "forgelink-agent: no repository is cached" << (provider ? " for " + providerId(*provider) : QString())
          << (last.isEmpty() ? QStringLiteral(": no sync has run yet") : QStringLiteral(":") + last) << '\n'
          << "  run one with `forgelink-agent sync --config FILE`; `serve` syncs an empty cache when it starts\n";
}

int events(const AgentConfig &config, std::optional<Provider> provider, int limit, bool json)
{
    std::unique_ptr<Store> store = openStore(config);
    if (!store)
        return kFailure;
    Result<QList<Delivery>> deliveries = store->ledger().recent(provider, limit);
    if (!deliveries) {
        err() << "forgelink-agent: " << deliveries.error() << '\n';
        return kFailure;
    }
    TextTable table({ QStringLiteral("RECEIVED"), QStringLiteral("PROVIDER"), QStringLiteral("EVENT"), QStringLiteral("REPOSITORY"),
                      QStringLiteral("DELIVERY"), QStringLiteral("NORMALIZED") });
    for (const Delivery &delivery : deliveries.value()) {
        if (json) {
            out() << QJsonDocument(delivery.toJson()).toJson(QJsonDocument::Compact) << '\n';
            continue;
        }
        QStringList kinds;
        for (const NormalizedEvent &event : delivery.events)
            kinds << (event.kind + (event.ref.isEmpty() ? QString() : QLatin1Char(' ') + event.ref));
        table.addRow({ delivery.receivedAt.toString(Qt::ISODate), providerId(delivery.provider), delivery.event,
                       delivery.events.isEmpty() ? QStringLiteral("-") : delivery.events.first().repo, delivery.deliveryId, kinds.join(u", ") });
    }
    if (!json) {
        if (table.isEmpty())
            err() << "forgelink-agent: no delivery is recorded" << (provider ? " for " + providerId(*provider) : QString()) << '\n';
        else
            table.print(out());
    }
    return kOk;
}

int sync(const AgentConfig &config, std::optional<Provider> provider)
{
    std::unique_ptr<Store> store = openStore(config);
    if (!store)
        return kFailure;
    RepositorySync run(config, *store, Store::thisProcess());
    Result<QList<RepositorySync::Outcome>> outcomes = run.run(provider);
    if (!outcomes) {
        err() << "forgelink-agent: sync did not run: " << outcomes.error() << '\n';
        return kFailure;
    }
    bool allSucceeded = true;
    for (const RepositorySync::Outcome &outcome : outcomes.value()) {
        const QString id = providerId(outcome.provider);
        if (outcome.succeeded) {
            out() << id << ": " << outcome.counts.added << " added, " << outcome.counts.updated << " updated, "
                  << outcome.counts.removed << " removed, " << outcome.counts.unchanged << " unchanged; "
                  << outcome.apiCalls << " API calls (" << outcome.notModified << " not modified) in "
                  << outcome.elapsedMs << " ms\n";
        } else {
            allSucceeded = false;
            err() << "forgelink-agent: " << id << " sync failed, cache unchanged: " << outcome.error << '\n';
        }
    }
    return allSucceeded ? kOk : kFailure;
}

// "24h", "90m", "2d": how far back, in milliseconds.
std::optional<qint64> parseLookBack(const QString &text)
{
    if (text.size() < 2)
        return std::nullopt;
    bool ok = false;
    const double amount = text.chopped(1).toDouble(&ok);
    if (!ok || amount <= 0)
        return std::nullopt;
    const QChar unit = text.back();
    const double unitMs = unit == u'm' ? 60e3 : unit == u'h' ? 3600e3 : unit == u'd' ? 86400e3 : 0;
    if (unitMs == 0)
        return std::nullopt;
    return qint64(amount * unitMs);
}

QString verdictText(GitHubRecovery::Finding::Verdict verdict)
{
    using Verdict = GitHubRecovery::Finding::Verdict;
    switch (verdict) {
    case Verdict::Delivered:
        return QStringLiteral("delivered by a later attempt");
    case Verdict::Recorded:
        return QStringLiteral("recorded by the agent (GitHub did not see the answer in time); nothing to ask");
    case Verdict::Requested:
        return QStringLiteral("asked GitHub to redeliver it");
    case Verdict::InFlight:
        return QStringLiteral("redelivery asked for earlier, not attempted yet; not asked again");
    case Verdict::GaveUp:
        return QStringLiteral("still failing after %1 redeliveries; not asked again").arg(GitHubRecovery::kMostRequests);
    case Verdict::OutOfReach:
        return QStringLiteral("too old to redeliver");
    case Verdict::Deferred:
        return QStringLiteral("not asked this time (GitHub refused the request, or the check's share ran out); asked at the next check");
    }
    return {};
}

int recover(const AgentConfig &config, const QStringList &arguments, const QString &since, bool json)
{
    if (arguments != QStringList{ QStringLiteral("github") }) {
        err() << "forgelink-agent: recover takes one provider, github (the others retry failed deliveries themselves)\n";
        return kUsage;
    }
    std::optional<qint64> lookBack;
    if (!since.isEmpty()) {
        lookBack = parseLookBack(since);
        if (!lookBack) {
            err() << "forgelink-agent: --since must be a duration such as 24h, 90m or 2d, got \"" << since << "\"\n";
            return kUsage;
        }
    }
    if (!config.github) {
        err() << "forgelink-agent: github is not enabled in the config\n";
        return kUsage;
    }
    std::unique_ptr<Store> store = openStore(config);
    if (!store)
        return kFailure;
    GitHubRecovery recovery(config, *store, Store::thisProcess());
    Result<GitHubRecovery::Report> report = recovery.check(lookBack);
    if (!report) {
        err() << "forgelink-agent: recovery failed: " << report.error() << '\n';
        return kFailure;
    }
    if (report->skipped) {
        err() << "forgelink-agent: another agent (or a sync) holds the lease; try again in a moment\n";
        return kFailure;
    }
    int failed = 0;
    for (const GitHubRecovery::Finding &finding : report->findings) {
        if (finding.verdict != GitHubRecovery::Finding::Verdict::Delivered)
            ++failed;
        if (json) {
            out() << QJsonDocument(QJsonObject{ { QStringLiteral("guid"), finding.guid },
                                                { QStringLiteral("event"), finding.event },
                                                { QStringLiteral("attempts"), finding.attempts },
                                                { QStringLiteral("lastStatus"), finding.lastStatus },
                                                { QStringLiteral("lastAttemptAt"), finding.lastAttemptAt.toString(Qt::ISODate) },
                                                { QStringLiteral("verdict"), GitHubRecovery::verdictName(finding.verdict) } })
                            .toJson(QJsonDocument::Compact)
                  << '\n';
        } else {
            out() << finding.guid << "  " << finding.event << "  " << counted(finding.attempts, QStringLiteral("attempt"), QStringLiteral("attempts")) << ", last "
                  << finding.lastAttemptAt.toString(Qt::ISODate) << ": " << finding.lastStatus << "  -> " << verdictText(finding.verdict) << '\n';
        }
    }
    if (!json) {
        out() << "GitHub listed " << report->listed << " attempts since " << report->since.toString(Qt::ISODate) << ": " << failed
              << " deliveries without a successful attempt, " << counted(report->requested, QStringLiteral("redelivery request"), QStringLiteral("redelivery requests"));
        if (report->outOfReach > 0)
            out() << ", " << report->outOfReach << " out of reach";
        if (report->deferred > 0)
            out() << ", " << report->deferred << " left for the next check";
        if (report->malformed > 0)
            out() << ", " << report->malformed << " malformed entries skipped";
        out() << '\n';
        if (!report->gap.isEmpty())
            out() << "note: " << report->gap << '\n';
    }
    return kOk;
}

int hooksCommand(const AgentConfig &config, const QString &command, const QStringList &arguments,
                 std::optional<Provider> onlyProvider, bool json)
{
    std::unique_ptr<Store> store = openStore(config);
    if (!store)
        return kFailure;
    if (command == u"hooks") {
        Result<QList<HookRecord>> records = store->hooks().list(onlyProvider);
        if (!records) {
            err() << "forgelink-agent: " << records.error() << '\n';
            return kFailure;
        }
        TextTable table({ QStringLiteral("PROVIDER"), QStringLiteral("REPOSITORY"), QStringLiteral("KIND"), QStringLiteral("HOOK") });
        for (const HookRecord &record : records.value()) {
            if (json)
                out() << QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) << '\n';
            else
                table.addRow({ providerId(record.provider), record.fullPath, record.kind, record.hookId });
        }
        if (records->isEmpty()) {
            err() << "forgelink-agent: forgelink has created no webhook" << (onlyProvider ? " on " + providerId(*onlyProvider) : QString())
                  << " (attach P REPO, or autoAttach in the config)\n";
            if (Result<QList<Repository>> cached = store->repositories().list(onlyProvider); cached && cached->isEmpty())
                explainEmptyCache(*store, onlyProvider);
        } else if (!json) {
            table.print(out());
        }
        return kOk;
    }
    HookLifecycle lifecycle(config, *store, Store::thisProcess());
    if (command == u"reconcile") {
        if (Result<QList<Repository>> cached = store->repositories().list(onlyProvider); cached && cached->isEmpty())
            explainEmptyCache(*store, onlyProvider);
        const HookLifecycle::ReconcileReport report = lifecycle.reconcile(onlyProvider);
        for (const QString &line : report.lines)
            out() << line << '\n';
        if (report.failures > 0)
            err() << "forgelink-agent: " << counted(report.failures, QStringLiteral("hook change"), QStringLiteral("hook changes")) << " failed\n";
        return report.failures > 0 ? kFailure : kOk;
    }
    const auto provider = providerFromId(arguments.value(0));
    if (arguments.size() != 2 || !provider) {
        err() << "forgelink-agent: " << command << " needs a provider (github, gitlab, bitbucket, azure-devops) and a repository\n";
        return kUsage;
    }
    if (!config.isEnabled(*provider)) {
        err() << "forgelink-agent: " << providerId(*provider) << " is not enabled in the config\n";
        return kUsage;
    }
    Result<QStringList> done = command == u"attach" ? lifecycle.attach(*provider, arguments.at(1)) : lifecycle.detach(*provider, arguments.at(1));
    if (!done) {
        err() << "forgelink-agent: " << command << ' ' << arguments.at(1) << ": " << done.error() << '\n';
        return kFailure;
    }
    for (const QString &line : done.value())
        out() << line << '\n';
    return kOk;
}

int rotateSecret(const AgentConfig &config, const QStringList &arguments, const QString &outFile, int graceSeconds)
{
    const auto provider = providerFromId(arguments.value(0));
    if (arguments.size() != 1 || !provider) {
        err() << "forgelink-agent: rotate-secret needs a provider: github, gitlab, bitbucket or azure-devops\n";
        return kUsage;
    }
    if (!config.isEnabled(*provider)) {
        err() << "forgelink-agent: " << providerId(*provider) << " is not enabled in the config\n";
        return kUsage;
    }
    if (outFile.isEmpty()) {
        err() << "forgelink-agent: rotate-secret needs --out FILE for the new secret (it is never printed)\n";
        return kUsage;
    }
    std::unique_ptr<Store> store = openStore(config);
    if (!store)
        return kFailure;
    Result<QHash<Provider, QList<QByteArray>>> stored = store->rotatedSecrets().all();
    if (!stored) {
        err() << "forgelink-agent: " << stored.error() << '\n';
        return kFailure;
    }
    QList<QByteArray> current = stored->value(*provider);
    const GitProvider &git = ProviderRegistry::get(*provider);
    if (current.isEmpty())
        current = git.credentials(config).secrets;
    const QByteArray fresh = SecretGenerator::generate().toUtf8();
    // The file first: whatever happens next, the new secret is not lost.
    if (Result<void> written = SecureFileWriter::writeAll({ { QFileInfo(outFile).absoluteFilePath(), fresh + '\n' } }); !written) {
        err() << "forgelink-agent: " << written.error() << '\n';
        return kFailure;
    }
    if (Result<void> both = store->rotatedSecrets().set(*provider, QList<QByteArray>{ fresh } + current); !both) {
        err() << "forgelink-agent: " << both.error() << '\n';
        return kFailure;
    }
    out() << "1. Every agent now accepts the new and the old secret; waiting " << graceSeconds << " s for them to read it.\n";
    out().flush();
    QEventLoop wait;
    QTimer::singleShot(graceSeconds * 1000, &wait, &QEventLoop::quit);
    wait.exec();

    HookLifecycle lifecycle(config, *store, Store::thisProcess());
    Result<QStringList> updated = lifecycle.updateSecrets(*provider, fresh);
    if (!updated) {
        err() << "forgelink-agent: not every hook has the new secret: " << updated.error()
              << "\nBoth secrets stay accepted; run rotate-secret again once the provider answers.\n";
        return kFailure;
    }
    out() << "2. The hooks have the new secret:\n";
    for (const QString &line : updated.value())
        out() << "   " << line << '\n';
    if (Result<void> retired = store->rotatedSecrets().set(*provider, { fresh }); !retired) {
        err() << "forgelink-agent: " << retired.error() << '\n';
        return kFailure;
    }
    out() << "3. The old secret is retired.\n"
          << "The new secret is in " << QFileInfo(outFile).absoluteFilePath() << ". Put it in agent.yaml (providers."
          << git.section() << '.' << git.webhookSecretKey()
          << ", e.g. as file:" << QFileInfo(outFile).absoluteFilePath() << ") and in Pipekit's Helm values; until then the\n"
          << "database keeps it for every agent.\n";
    return kOk;
}

int outbox(const AgentConfig &config, const QString &target, const QString &state, int limit, bool json)
{
    if (!target.isEmpty() && std::none_of(config.forward.begin(), config.forward.end(),
                                          [&](const ForwardTarget &known) { return known.name == target; })) {
        err() << "forgelink-agent: unknown target " << target << "; " << knownTargets(config) << '\n';
        return kUsage;
    }
    if (!state.isEmpty() && state != u"pending" && state != u"dead" && state != u"delivered") {
        err() << "forgelink-agent: --state must be pending, dead or delivered, got \"" << state << "\"\n";
        return kUsage;
    }
    std::unique_ptr<Store> store = openStore(config);
    if (!store)
        return kFailure;
    Result<QList<OutboxRow>> rows = store->outbox().list(target, state, limit);
    if (!rows) {
        err() << "forgelink-agent: " << rows.error() << '\n';
        return kFailure;
    }
    TextTable table({ QStringLiteral("TARGET"), QStringLiteral("DELIVERY"), QStringLiteral("REPOSITORY"), QStringLiteral("STATE"),
                      QStringLiteral("ATTEMPTS"), QStringLiteral("LAST ERROR") });
    for (const OutboxRow &row : rows.value()) {
        if (json) {
            out() << QJsonDocument(row.toJson()).toJson(QJsonDocument::Compact) << '\n';
            continue;
        }
        table.addRow({ row.target, providerId(row.provider) + QLatin1Char(':') + row.deliveryId, row.repo.isEmpty() ? QStringLiteral("-") : row.repo,
                       row.state, QString::number(row.attempts), row.lastError.left(80) });
    }
    if (!json && !table.isEmpty())
        table.print(out());
    return kOk;
}

// Puts rows back to pending; for --since and --delivery it also routes deliveries that have no
// row for the target (a target added later), by the target's filters.
int redeliver(const AgentConfig &config, const QString &targetName, const QString &delivery, bool dead, const QString &since)
{
    const ForwardRouter router(config.forward, config.enabledProviders());
    const ForwardTarget *target = router.target(targetName);
    if (targetName.isEmpty()) {
        err() << "forgelink-agent: redeliver needs --target; " << knownTargets(config) << '\n';
        return kUsage;
    }
    if (!target) {
        err() << "forgelink-agent: unknown target " << targetName << "; " << knownTargets(config) << '\n';
        return kUsage;
    }
    const int selectors = int(!delivery.isEmpty()) + int(dead) + int(!since.isEmpty());
    if (selectors != 1) {
        err() << "forgelink-agent: redeliver needs one of --delivery PROVIDER:ID, --dead or --since RFC3339\n";
        return kUsage;
    }
    QDateTime sinceTime;
    if (!since.isEmpty()) {
        sinceTime = QDateTime::fromString(since, Qt::ISODateWithMs);
        if (!sinceTime.isValid()) {
            err() << "forgelink-agent: --since must be an RFC 3339 time such as 2026-12-01T00:00:00Z, got \"" << since << "\"\n";
            return kUsage;
        }
    }
    std::optional<Provider> provider;
    QString deliveryId;
    if (!delivery.isEmpty()) {
        provider = providerFromId(delivery.section(QLatin1Char(':'), 0, 0));
        deliveryId = delivery.section(QLatin1Char(':'), 1);
        if (!provider || deliveryId.isEmpty()) {
            err() << "forgelink-agent: --delivery must be PROVIDER:ID such as github:72d3162e-cc78-11e3-81ab-4c9367dc0958\n";
            return kUsage;
        }
    }
    std::unique_ptr<Store> store = openStore(config);
    if (!store)
        return kFailure;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    OutboxTable &rows = store->outbox();
    Result<int> requeued = dead ? rows.requeueDead(target->name, now)
            : provider          ? rows.requeueDelivery(target->name, *provider, deliveryId, now)
                                : rows.requeueSince(target->name, sinceTime.toUTC().toString(Qt::ISODateWithMs), now);
    if (!requeued) {
        err() << "forgelink-agent: " << requeued.error() << '\n';
        return kFailure;
    }
    int created = 0;
    if (provider && requeued.value() == 0) {
        Result<std::optional<Delivery>> found = store->ledger().find(*provider, deliveryId);
        if (!found) {
            err() << "forgelink-agent: " << found.error() << '\n';
            return kFailure;
        }
        if (!found->has_value()) {
            err() << "forgelink-agent: " << delivery << " is not in the ledger\n";
            return kFailure;
        }
        const QList<OutboxTable::Entry> entry{ { *provider, deliveryId, ForwardRouter::orderingKey(**found), { target->name } } };
        if (Result<void> queued = rows.enqueue(entry, now); !queued) {
            err() << "forgelink-agent: " << queued.error() << '\n';
            return kFailure;
        }
        created = 1;
    } else if (!dead && !provider) {
        const QString from = sinceTime.toUTC().toString(Qt::ISODateWithMs);
        qint64 after = 0;
        for (;;) {
            Result<QList<OutboxTable::Unrouted>> batch = rows.unrouted(target->name, from, after, 500);
            if (!batch) {
                err() << "forgelink-agent: " << batch.error() << '\n';
                return kFailure;
            }
            QList<OutboxTable::Entry> entries;
            for (const OutboxTable::Unrouted &found : batch.value()) {
                after = found.rowId;
                if (ForwardRouter::matches(*target, config.enabledProviders(), found.delivery))
                    entries << OutboxTable::Entry{ found.delivery.provider, found.delivery.deliveryId,
                                                   ForwardRouter::orderingKey(found.delivery), { target->name } };
            }
            if (Result<void> queued = rows.enqueue(entries, now); !queued) {
                err() << "forgelink-agent: " << queued.error() << '\n';
                return kFailure;
            }
            created += int(entries.size());
            if (batch->size() < 500)
                break;
        }
    }
    out() << target->name << ": " << counted(requeued.value(), QStringLiteral("row"), QStringLiteral("rows")) << " back to pending, "
          << counted(created, QStringLiteral("new row"), QStringLiteral("new rows"))
          << " for deliveries it had not had; a running agent sends them within seconds\n";
    return kOk;
}

int repos(const AgentConfig &config, std::optional<Provider> provider, bool json)
{
    std::unique_ptr<Store> store = openStore(config);
    if (!store)
        return kFailure;
    Result<QList<Repository>> list = store->repositories().list(provider);
    if (!list) {
        err() << "forgelink-agent: " << list.error() << '\n';
        return kFailure;
    }
    TextTable table({ QStringLiteral("PROVIDER"), QStringLiteral("REPOSITORY"), QStringLiteral("DEFAULT BRANCH"), QStringLiteral("VISIBILITY") });
    for (const Repository &repository : list.value()) {
        if (json)
            out() << QJsonDocument(repository.toJson()).toJson(QJsonDocument::Compact) << '\n';
        else
            table.addRow({ providerId(repository.provider), repository.fullPath, repository.defaultBranch, repository.visibility });
    }
    if (list->isEmpty())
        explainEmptyCache(*store, provider);
    else if (!json)
        table.print(out());
    return kOk;
}

// One command's usage, what it does, and its options.
std::optional<QString> commandHelp(const QString &name, const QList<QCommandLineOption> &options)
{
    for (const CommandHelp &command : commandList()) {
        if (name != QLatin1String(command.name))
            continue;
        QString text = QStringLiteral("Usage: forgelink-agent %1\n\n%2.\n\nOptions:\n").arg(QLatin1String(command.usage), QLatin1String(command.description));
        const QStringList names = command.options + QStringList{ QStringLiteral("log-level"), QStringLiteral("log-format"), QStringLiteral("help") };
        for (const QString &wanted : names) {
            for (const QCommandLineOption &option : options) {
                if (option.names().first() != wanted)
                    continue;
                const QString flag = QStringLiteral("--") + wanted + (option.valueName().isEmpty() ? QString() : QStringLiteral(" <%1>").arg(option.valueName()));
                text += QStringLiteral("  %1  %2\n").arg(flag.leftJustified(24), option.description());
            }
        }
        return text;
    }
    return std::nullopt;
}

} // namespace

int AgentCli::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Receives the Git providers' webhooks for Pipekit, forwards them, and keeps the list of repositories.\n\n")
            + commandsText());
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("The agent's config file."), QStringLiteral("file"));
    const QCommandLineOption provider(QStringLiteral("provider"), QStringLiteral("Only this provider."), QStringLiteral("provider"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most this many (default 50)."), QStringLiteral("n"),
                                   QStringLiteral("50"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per line."));
    const QCommandLineOption outFile(QStringLiteral("out"), QStringLiteral("rotate-secret: where to write the new secret."),
                                     QStringLiteral("file"));
    const QCommandLineOption grace(QStringLiteral("grace"),
                                   QStringLiteral("rotate-secret: seconds to wait for every agent to accept the new secret "
                                                  "(default: twice secretRefreshSeconds)."),
                                   QStringLiteral("seconds"));
    const QCommandLineOption target(QStringLiteral("target"), QStringLiteral("outbox, redeliver: the forward target."), QStringLiteral("name"));
    const QCommandLineOption state(QStringLiteral("state"), QStringLiteral("outbox: pending, dead or delivered."), QStringLiteral("state"));
    const QCommandLineOption deliveryOption(QStringLiteral("delivery"), QStringLiteral("redeliver: one delivery, PROVIDER:ID."),
                                            QStringLiteral("provider:id"));
    const QCommandLineOption dead(QStringLiteral("dead"), QStringLiteral("redeliver: every dead row of the target."));
    const QCommandLineOption since(QStringLiteral("since"),
                                   QStringLiteral("redeliver: deliveries received since this time (RFC 3339); recover: how far back (24h, 90m, 2d)."),
                                   QStringLiteral("time"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"), QStringLiteral("debug, info (the default), warning or error."),
                                      QStringLiteral("level"), QStringLiteral("info"));
    const QCommandLineOption logFormat(QStringLiteral("log-format"),
                                       QStringLiteral("text (the default; RFC 3339 times) or json (one object per line)."),
                                       QStringLiteral("format"), QStringLiteral("text"));
    parser.addOptions({ config, provider, limit, json, outFile, grace, target, state, deliveryOption, dead, since, logLevel, logFormat });
    QStringList commandNames;
    for (const CommandHelp &command : commandList())
        commandNames << QLatin1String(command.name);
    parser.addPositionalArgument(QStringLiteral("command"), commandNames.join(QStringLiteral(", ")));
    if (!parser.parse(arguments)) {
        err() << "forgelink-agent: " << parser.errorText() << '\n';
        return kUsage;
    }
    const std::optional<QtMsgType> level = LogFormat::levelFromName(parser.value(logLevel));
    const std::optional<LogFormat::Style> style = LogFormat::styleFromName(parser.value(logFormat));
    if (!level || !style) {
        err() << "forgelink-agent: " << (!level ? "--log-level must be debug, info, warning or error, got \"" + parser.value(logLevel)
                                                : "--log-format must be text or json, got \"" + parser.value(logFormat))
              << "\"\n";
        return kUsage;
    }
    LogFormat::install(*level, *style);
    // `help`, `help COMMAND`, `COMMAND --help`: the general help, or one command's.
    const QStringList words = parser.positionalArguments();
    const bool helpWord = !words.isEmpty() && words.first() == u"help";
    if (parser.isSet(QStringLiteral("help")) || helpWord) {
        const QString about = helpWord ? words.value(1) : words.value(0);
        if (about.isEmpty()) {
            out() << parser.helpText();
            return kOk;
        }
        const QList<QCommandLineOption> all{ config, provider, limit, json, outFile, grace, target, state, deliveryOption, dead, since, logLevel, logFormat,
                                             QCommandLineOption(QStringLiteral("help"), QStringLiteral("This help.")) };
        const std::optional<QString> text = commandHelp(about, all);
        if (!text) {
            err() << "forgelink-agent: unknown command \"" << about << "\"\n" << commandsText() << '\n';
            return kUsage;
        }
        out() << *text;
        return kOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << "forgelink-agent " << QCoreApplication::applicationVersion() << '\n';
        return kOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err() << "forgelink-agent: a command is needed\n" << commandsText() << '\n';
        return kUsage;
    }
    const QString command = positional.first();

    std::optional<Provider> onlyProvider;
    if (parser.isSet(provider)) {
        onlyProvider = providerFromId(parser.value(provider));
        if (!onlyProvider) {
            err() << "forgelink-agent: --provider must be github, gitlab, bitbucket or azure-devops, got \""
                  << parser.value(provider) << "\"\n";
            return kUsage;
        }
    }

    // The config, and the --provider asked for enabled in it: the same exit code (2) whatever the
    // command when it is not.
    auto load = [&]() -> std::optional<AgentConfig> {
        std::optional<AgentConfig> loaded = loadConfig(parser.value(config));
        if (loaded && onlyProvider && !loaded->isEnabled(*onlyProvider)) {
            err() << "forgelink-agent: " << providerId(*onlyProvider) << " is not enabled in " << parser.value(config) << '\n';
            return std::nullopt;
        }
        return loaded;
    };
    if (command == u"serve") {
        if (positional.size() != 1) {
            err() << "forgelink-agent: serve takes no arguments besides --config\n";
            return kUsage;
        }
        const auto loaded = load();
        return loaded ? serve(*loaded) : kUsage;
    }
    if (command == u"events") {
        bool ok = false;
        const int count = parser.value(limit).toInt(&ok);
        if (!ok || count < 1) {
            err() << "forgelink-agent: --limit must be a positive number, got \"" << parser.value(limit) << "\"\n";
            return kUsage;
        }
        const auto loaded = load();
        return loaded ? events(*loaded, onlyProvider, count, parser.isSet(json)) : kUsage;
    }
    if (command == u"outbox" || command == u"redeliver") {
        if (positional.size() != 1) {
            err() << "forgelink-agent: " << command << " takes no arguments besides its options\n";
            return kUsage;
        }
        const auto loaded = load();
        if (!loaded)
            return kUsage;
        if (command == u"redeliver")
            return redeliver(*loaded, parser.value(target), parser.value(deliveryOption), parser.isSet(dead), parser.value(since));
        bool ok = false;
        const int count = parser.value(limit).toInt(&ok);
        if (!ok || count < 1) {
            err() << "forgelink-agent: --limit must be a positive number, got \"" << parser.value(limit) << "\"\n";
            return kUsage;
        }
        return outbox(*loaded, parser.value(target), parser.value(state), count, parser.isSet(json));
    }
    if (command == u"sync" || command == u"repos") {
        if (positional.size() != 1) {
            err() << "forgelink-agent: " << command << " takes no arguments besides its options\n";
            return kUsage;
        }
        const auto loaded = load();
        if (!loaded)
            return kUsage;
        return command == u"sync" ? sync(*loaded, onlyProvider) : repos(*loaded, onlyProvider, parser.isSet(json));
    }
    if (command == u"rotate-secret") {
        const auto loaded = load();
        if (!loaded)
            return kUsage;
        bool ok = true;
        const int seconds = parser.isSet(grace) ? parser.value(grace).toInt(&ok) : (2 * loaded->secretRefreshMs + 999) / 1000;
        if (!ok || seconds < 0) {
            err() << "forgelink-agent: --grace must be a number of seconds\n";
            return kUsage;
        }
        return rotateSecret(*loaded, positional.mid(1), parser.value(outFile), seconds);
    }
    if (command == u"status") {
        if (positional.size() != 1) {
            err() << "forgelink-agent: status takes no arguments besides its options\n";
            return kUsage;
        }
        const auto loaded = load();
        if (!loaded)
            return kUsage;
        std::unique_ptr<Store> store = openStore(*loaded);
        if (!store)
            return kFailure;
        Result<StatusReport> report = StatusReport::collect(*loaded, *store);
        if (!report) {
            err() << "forgelink-agent: " << report.error() << '\n';
            return kFailure;
        }
        if (parser.isSet(json))
            out() << QJsonDocument(report->toJson()).toJson(QJsonDocument::Compact) << '\n';
        else
            report->print(out());
        return report->attention().isEmpty() ? kOk : kFailure;
    }
    if (command == u"check") {
        const auto loaded = load();
        if (!loaded)
            return kUsage;
        QStringList providers;
        for (Provider enabled : loaded->enabledProviders())
            providers << providerId(enabled);
        QStringList targets;
        for (const ForwardTarget &forward : loaded->forward)
            targets << forward.name;
        out() << parser.value(config) << ": fine; every secret it names was read\n"
              << "  listen " << loaded->listenAddress.toString() << ':' << loaded->listenPort << ", store " << loaded->database.displayName() << '\n'
              << "  providers: " << providers.join(u", ") << '\n'
              << "  forward: " << (targets.isEmpty() ? QStringLiteral("(none)") : targets.join(u", ")) << '\n';
        if (targets.isEmpty()) {
            err() << "forgelink-agent: " << ForwardRouter::noTargetProblem() << '\n';
            return kFailure;
        }
        return kOk;
    }
    if (command == u"recover") {
        const auto loaded = load();
        if (!loaded)
            return kUsage;
        return recover(*loaded, positional.mid(1), parser.value(since), parser.isSet(json));
    }
    if (command == u"attach" || command == u"detach" || command == u"hooks" || command == u"reconcile") {
        const auto loaded = load();
        if (!loaded)
            return kUsage;
        return hooksCommand(*loaded, command, positional.mid(1), onlyProvider, parser.isSet(json));
    }
    err() << "forgelink-agent: unknown command \"" << command << "\"\n" << commandsText() << '\n';
    return kUsage;
}

} // namespace forgelink
