#pragma once

namespace forgelink {

class CommandLine;

// The webhooks forgelink puts on repositories: attach, detach, hooks, reconcile, rotate-secret.
class HookCommands {
public:
    static int attach(CommandLine &line);
    static int detach(CommandLine &line);
    static int hooks(CommandLine &line);
    static int reconcile(CommandLine &line);
    static int rotateSecret(CommandLine &line);
};

} // namespace forgelink
