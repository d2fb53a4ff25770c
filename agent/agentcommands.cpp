#include "agentcommands.h"

#include "commands/deliverycommands.h"
#include "commands/forwardcommands.h"
#include "commands/hookcommands.h"
#include "commands/repositorycommands.h"
#include "commands/servicecommands.h"
#include "providers/providerregistry.h"

namespace forgelink {

const QList<AgentCommand> &AgentCommands::all()
{
    static const QList<AgentCommand> commands{
        { QStringLiteral("serve"), QStringLiteral("serve --config F"),
          QStringLiteral("receive webhooks, forward them, sync daily (the daemon); SIGHUP syncs now, SIGTERM stops"), { QStringLiteral("config") },
          &ServiceCommands::serve },
        { QStringLiteral("sync"), QStringLiteral("sync [--provider P] --config F"),
          QStringLiteral("list every reachable repository into the store once"), { QStringLiteral("provider"), QStringLiteral("config") },
          &RepositoryCommands::sync },
        { QStringLiteral("repos"), QStringLiteral("repos [--provider P] [--json] --config F"), QStringLiteral("list the stored repositories"),
          { QStringLiteral("provider"), QStringLiteral("json"), QStringLiteral("config") }, &RepositoryCommands::repos },
        { QStringLiteral("attach"), QStringLiteral("attach P REPO --config F"),
          QStringLiteral("create REPO's webhooks (GitHub: check the App is installed)"), { QStringLiteral("config") }, &HookCommands::attach },
        { QStringLiteral("detach"), QStringLiteral("detach P REPO --config F"), QStringLiteral("remove the webhooks forgelink created on REPO"),
          { QStringLiteral("config") }, &HookCommands::detach },
        { QStringLiteral("hooks"), QStringLiteral("hooks [--provider P] [--json] --config F"), QStringLiteral("list the webhooks forgelink created"),
          { QStringLiteral("provider"), QStringLiteral("json"), QStringLiteral("config") }, &HookCommands::hooks },
        { QStringLiteral("reconcile"), QStringLiteral("reconcile [--provider P] --config F"),
          QStringLiteral("recreate, repair and re-enable hooks; remove them from repositories that left the sync"),
          { QStringLiteral("provider"), QStringLiteral("config") }, &HookCommands::reconcile },
        { QStringLiteral("rotate-secret"), QStringLiteral("rotate-secret P --out FILE [--grace S] --config F"),
          QStringLiteral("new webhook secret for P, written to FILE (0600); every agent accepts old and new until all hooks have the new one"),
          { QStringLiteral("out"), QStringLiteral("grace"), QStringLiteral("config") }, &HookCommands::rotateSecret },
        { QStringLiteral("events"), QStringLiteral("events [--provider P] [--limit N] [--json] --config F | events show PROVIDER:ID [--json] --config F"),
          QStringLiteral("list recorded deliveries, newest first; or show one as received, its events, and every forward attempt"),
          { QStringLiteral("provider"), QStringLiteral("limit"), QStringLiteral("json"), QStringLiteral("config") }, &DeliveryCommands::events },
        { QStringLiteral("outbox"), QStringLiteral("outbox [--target T] [--state pending|dead|delivered] [--limit N] [--json] --config F"),
          QStringLiteral("list the deliveries on their way to forward targets"),
          { QStringLiteral("target"), QStringLiteral("state"), QStringLiteral("limit"), QStringLiteral("json"), QStringLiteral("config") },
          &DeliveryCommands::outbox },
        { QStringLiteral("redeliver"), QStringLiteral("redeliver --target T (--delivery PROVIDER:ID | --dead | --since RFC3339) --config F"),
          QStringLiteral("send deliveries to a target again (also past ones to a target added later)"),
          { QStringLiteral("target"), QStringLiteral("delivery"), QStringLiteral("dead"), QStringLiteral("since"), QStringLiteral("config") },
          &DeliveryCommands::redeliver },
        { QStringLiteral("forward"), QStringLiteral("forward pause TARGET [--reason TEXT] | forward resume TARGET | forward list [--json] --config F"),
          QStringLiteral("pause a target (its deliveries wait; every agent obeys within seconds), resume it, or list the targets"),
          { QStringLiteral("reason"), QStringLiteral("json"), QStringLiteral("config") }, &ForwardCommands::forward },
        { QStringLiteral("recover"), QStringLiteral("recover github [--since 24h] [--json] --config F"),
          QStringLiteral("ask GitHub to send again the deliveries that failed (back to the last check; serve does this every few minutes)"),
          { QStringLiteral("since"), QStringLiteral("json"), QStringLiteral("config") }, &DeliveryCommands::recover },
        { QStringLiteral("status"), QStringLiteral("status [--json] --config F"),
          QStringLiteral("each provider's last sync, hooks and deliveries, the outbox and the store; exit 1 when something needs attention"),
          { QStringLiteral("json"), QStringLiteral("config") }, &ServiceCommands::status },
        { QStringLiteral("check"), QStringLiteral("check --config F"), QStringLiteral("read the config and every secret it names; no database"),
          { QStringLiteral("config") }, &ServiceCommands::check },
        // AgentCli answers help itself, before any command runs.
        { QStringLiteral("help"), QStringLiteral("help [COMMAND]"), QStringLiteral("this help, or one command's"), {}, nullptr },
    };
    return commands;
}

const AgentCommand *AgentCommands::find(const QString &name)
{
    for (const AgentCommand &command : all()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

QString AgentCommands::overview()
{
    QString text = QStringLiteral("Commands:\n");
    for (const AgentCommand &command : all())
        text += QStringLiteral("  %1\n      %2\n").arg(command.usage, command.description);
    text += QStringLiteral("\nProviders: %1.\n").arg(ProviderRegistry::ids().join(u", "));
    text += QStringLiteral("Exit codes: 0 ok, 1 runtime failure (or, for status, something needs attention), 2 usage or config error.\n"
                           "`forgelink-agent COMMAND --help` shows a command's options.");
    return text;
}

} // namespace forgelink
