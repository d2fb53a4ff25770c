#pragma once

#include <QStringList>

namespace forgelink {

class CommandLine;

// One command of forgelink-agent: the help shows its usage, description and options, and the
// command line runs it (AgentCommands lists them all).
struct AgentCommand {
    QString name;
    QString usage;
    QString description;
    QStringList options; // besides --log-level, --log-format and --help
    int (*run)(CommandLine &line) = nullptr;
};

} // namespace forgelink
