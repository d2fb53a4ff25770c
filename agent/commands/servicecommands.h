#pragma once

namespace forgelink {

class CommandLine;

// The daemon and what says whether it is fine: serve, status, check.
class ServiceCommands {
public:
    static int serve(CommandLine &line);
    static int status(CommandLine &line);
    static int check(CommandLine &line);
};

} // namespace forgelink
