#pragma once

#include <QString>

namespace forgelink {

class CommandLine;

// Steering the forward targets: `forward pause TARGET [--reason TEXT]`, `forward resume TARGET`,
// `forward list [--json]`.
class ForwardCommands {
public:
    static int forward(CommandLine &line);

private:
    static int pause(CommandLine &line, const QString &target);
    static int resume(CommandLine &line, const QString &target);
    static int list(CommandLine &line);
};

} // namespace forgelink
